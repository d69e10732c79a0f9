package io.socialwire.emulator.jira;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.emulator.CreatedRecords;

/**
 * The site's issues and their comments, in memory. Issue ids count from 10000 across the site, keys per project
 * ({@code SOC-1}, {@code SOC-2}, ...), comment ids from 10000; a new issue's status is "To Do".
 */
final class JiraSite {

    static final List<String> PRIORITIES = List.of("Highest", "High", "Medium", "Low", "Lowest");
    static final List<String> STATUSES = List.of("To Do", "In Progress", "Done");

    /** An issue; fields are changed only under the site's lock. */
    static final class Issue {
        final long id;
        final String key;
        final String project;
        final String issueType;
        final Instant created;
        String summary;
        JsonNode description;
        List<String> labels;
        String priority;
        String status = "To Do";
        Instant updated;
        final List<Comment> comments = new ArrayList<>();

        Issue(long id, String key, String project, String issueType, Instant created) {
            this.id = id;
            this.key = key;
            this.project = project;
            this.issueType = issueType;
            this.created = created;
            this.updated = created;
        }

        int number() {
            return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
        }

        /** The text {@code text ~} searches: summary, description and comments. */
        String text() {
            StringBuilder text = new StringBuilder(summary).append('\n');
            if (description != null) {
                text.append(Adf.text(description)).append('\n');
            }
            comments.forEach(c -> text.append(Adf.text(c.body())).append('\n'));
            return text.toString();
        }
    }

    /**
     * A comment: its author's account id, and who may see it ({@code {"type":"role","value":"Administrators"}}; null:
     * everyone who sees the issue, a public comment).
     */
    record Comment(long id, JsonNode body, String authorId, JsonNode visibility, Instant created, Instant updated) {
    }

    private final Clock clock;
    private final CreatedRecords created;
    private final Map<String, Issue> byKey = new LinkedHashMap<>();
    private final Map<Long, Issue> byId = new HashMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private long nextIssueId = 10000;
    private long nextCommentId = 10000;

    JiraSite(Clock clock, CreatedRecords created) {
        this.clock = clock;
        this.created = created;
    }

    synchronized Issue create(String project, String issueType, String summary, JsonNode description,
                              List<String> labels, String priority) {
        int number = numbers.merge(project, 1, Integer::sum);
        Issue issue = new Issue(nextIssueId++, project + "-" + number, project, issueType, clock.instant());
        issue.summary = summary;
        issue.description = description;
        issue.labels = List.copyOf(labels);
        issue.priority = priority;
        byKey.put(issue.key, issue);
        byId.put(issue.id, issue);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("summary", summary);
        fields.put("description", description == null ? "" : Adf.text(description));
        fields.put("labels", String.join(" ", labels));
        created.add("jira", "issue", issue.key, fields);
        return issue;
    }

    /** The issue by id or key (keys in any case, as Jira accepts them). */
    synchronized Optional<Issue> find(String idOrKey) {
        if (idOrKey.chars().allMatch(Character::isDigit) && !idOrKey.isEmpty()) {
            try {
                return Optional.ofNullable(byId.get(Long.parseLong(idOrKey)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(byKey.get(idOrKey.toUpperCase(Locale.ROOT)));
    }

    synchronized Comment comment(Issue issue, JsonNode body, String authorId, JsonNode visibility) {
        Instant now = clock.instant();
        Comment comment = new Comment(nextCommentId++, body, authorId, visibility, now, now);
        issue.comments.add(comment);
        issue.updated = now;
        created.add("jira", "comment", issue.key + "/" + comment.id(), Map.of("body", Adf.text(body)));
        return comment;
    }

    synchronized Optional<Comment> replaceComment(Issue issue, long commentId, JsonNode body) {
        for (int i = 0; i < issue.comments.size(); i++) {
            Comment old = issue.comments.get(i);
            if (old.id() == commentId) {
                Comment changed = new Comment(old.id(), body, old.authorId(), old.visibility(), old.created(),
                        clock.instant());
                issue.comments.set(i, changed);
                issue.updated = changed.updated();
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }

    /** Applies an edit to the issue under the site's lock. */
    synchronized void edit(Issue issue, Consumer<Issue> change) {
        change.accept(issue);
        issue.updated = clock.instant();
    }

    synchronized boolean delete(Issue issue) {
        byId.remove(issue.id);
        return byKey.remove(issue.key) != null;
    }

    synchronized List<Issue> all() {
        return new ArrayList<>(byKey.values());
    }

    /** Runs a read of an issue's mutable fields under the site's lock. */
    synchronized <T> T read(Supplier<T> reader) {
        return reader.get();
    }

    static JiraError noComment() {
        return JiraError.message(404, "Can not find a comment for the id.");
    }
}
