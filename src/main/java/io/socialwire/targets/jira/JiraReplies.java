package io.socialwire.targets.jira;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursor;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Agents' answers in Jira (routes/targets/jira-replies.camel.yaml), when configured: the public comments (no
 * {@code visibility}, not a service desk's internal one) written since the cursor on the issues the hub created
 * (label {@code socialwire}), read in one JQL search per poll that carries the issues' comments. JQL compares times
 * to the minute, in the time zone of the user asking: the search asks from the cursor's minute in the integration
 * account's zone ({@code GET /myself}, read once), and the cursor (a second and the comments of that second already
 * read) skips what was read. The hub's own comments (its account's, or carrying an interaction's marker) are not
 * answers; its notes are restricted to a role, so never answers either.
 *
 * <p>More issues updated since the cursor's minute than a page holds (a bulk edit of the hub's issues) are read a page
 * per poll, with Jira's {@code nextPageToken} and the same query: the cursor moves only after the last page, since a
 * later page can hold older comments (an issue commented on, then edited). An answer read twice meanwhile (a restart
 * mid-walk) is posted once: the outbox consumer knows it.
 */
@Component("jiraReplies")
public class JiraReplies {

    static final String CURSOR = "replies:jira";
    static final int LIMIT = 50;
    /** The label every issue the hub creates carries (config/templates/jira-issue.json). */
    static final String LABEL = "socialwire";
    private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");
    /** Blocks that stand apart from the next, as paragraphs. */
    private static final Set<String> PARAGRAPHS = Set.of("paragraph", "heading", "blockquote", "codeBlock", "panel",
            "bulletList", "orderedList", "table", "rule", "mediaSingle", "expand");
    /** Blocks that start on a line of their own. */
    private static final Set<String> LINES = Set.of("listItem", "tableRow");

    /** The integration account as Jira knows it: whose comments are the hub's, and the zone its JQL times are in. */
    record Account(String accountId, ZoneId zone) {
    }

    private final ReplyCursors cursors;
    private final Replies replies;
    private final ObjectMapper json;
    private final String projectKey;
    private final String noteRole;
    /** Where the very first poll starts: answers written before replies from Jira were switched on are not sent. */
    private final ReplyCursor started;
    private volatile Account account;
    /** A walk through more than one page: the next page's token, and the new comments of the pages read so far. */
    private String nextPage;
    private final List<Comment> walked = new ArrayList<>();
    /** Whether the last search was answered: if not (Jira failed it), a walk starts over. */
    private boolean searching;

    JiraReplies(ReplyCursors cursors, Replies replies, ObjectMapper json, Clock clock,
                @Value("${camel.kamelet.jira-issue-sink.projectKey:SOC}") String projectKey,
                @Value("${socialwire.replies.sources.jira.note-role:Administrators}") String noteRole) {
        this.cursors = cursors;
        this.replies = replies;
        this.json = json;
        this.projectKey = projectKey;
        this.noteRole = noteRole;
        this.started = ReplyCursor.at(clock.instant());
    }

    /** Whether the integration account was read already ({@code GET /rest/api/3/myself}, once). */
    public boolean knowsTheAccount() {
        return account != null;
    }

    /** The answer to {@code GET /rest/api/3/myself}: the account's id and time zone (UTC when it names none). */
    public void account(Exchange exchange) throws IOException {
        JsonNode myself = read(exchange.getMessage().getBody());
        String accountId = myself.path("accountId").asText("");
        if (accountId.isBlank()) {
            throw new IllegalStateException("Jira's /myself named no accountId");
        }
        account = new Account(accountId, zone(myself.path("timeZone").asText("")));
    }

    /**
     * The search (the body, JSON for {@code POST /rest/api/3/search/jql}): the hub's issues updated since the cursor's
     * minute, or the next page of a walk.
     */
    public synchronized String query(Exchange exchange) throws IOException {
        if (searching) {
            startOver();
        }
        searching = true;
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("jql", jql(projectKey, cursor(), zone()));
        search.put("fields", List.of("comment", "labels"));
        search.put("maxResults", LIMIT);
        if (nextPage != null) {
            search.put("nextPageToken", nextPage);
        }
        return json.writeValueAsString(search);
    }

    /**
     * The issues read (the body, the search's answer): the answers on the hub's issues, oldest first, and the cursor
     * past every comment read, for {@link ReplyCursors#advance} once they are in the outbox.
     */
    public synchronized List<Reply> answers(Exchange exchange) throws IOException {
        searching = false;
        JsonNode page = read(exchange.getMessage().getBody());
        ReplyCursor start = cursor();
        List<Comment> fresh = comments(page).stream().filter(c -> start.isNew(c.id(), c.at()))
                .filter(c -> walked.stream().noneMatch(w -> w.id().equals(c.id()))).toList();
        String self = account == null ? null : account.accountId();
        List<Reply> found = new ArrayList<>();
        for (Comment comment : fresh) {
            if (!comment.isPublic() || comment.authorId().equals(self) || SocialContext.carriesMarker(comment.text())) {
                continue;
            }
            Reply reply = replies.of("jira", comment.issueKey(), comment.id(), comment.text(), comment.authorId(),
                    comment.at());
            if (reply != null) {
                found.add(reply);
            }
        }
        String token = page.path("nextPageToken").asText("");
        if (!page.path("isLast").asBoolean(true) && !token.isEmpty()) {
            nextPage = token;
            walked.addAll(fresh);
            return found;
        }
        List<Comment> all = new ArrayList<>(walked);
        all.addAll(fresh);
        all.sort(OLDEST_FIRST);
        ReplyCursor cursor = start;
        for (Comment comment : all) {
            cursor = cursor.past(comment.id(), comment.at());
        }
        cursors.propose(exchange, CURSOR, cursor);
        startOver();
        return found;
    }

    private void startOver() {
        nextPage = null;
        walked.clear();
    }

    /**
     * The note on the issue (JSON for {@code POST /rest/api/3/issue/{key}/comment}): "Replied on X: <link>" or why not,
     * restricted to a project role, so the replies poll never reads it as an answer.
     */
    public String note(Exchange exchange) throws IOException {
        return json.writeValueAsString(Map.of(
                "visibility", Map.of("type", "role", "value", noteRole),
                "body", Map.of("type", "doc", "version", 1, "content", List.of(Map.of("type", "paragraph",
                        "content", List.of(Map.of("type", "text", "text", replies.note(exchange))))))));
    }

    /** The JQL: the project's issues the hub created, updated at or after the cursor's minute in {@code zone}. */
    static String jql(String projectKey, ReplyCursor cursor, ZoneId zone) {
        return "project = \"" + projectKey + "\" AND labels = " + LABEL + " AND updated >= \""
                + JQL_TIME.format(cursor.second().atZone(zone)) + "\" ORDER BY updated ASC";
    }

    /** A comment as the poll sees it. */
    record Comment(String issueKey, String id, Instant at, String authorId, String text, boolean isPublic) {
    }

    /** By creation, then by id (Jira's ids are numbers). */
    private static final Comparator<Comment> OLDEST_FIRST = Comparator.comparing(Comment::at)
            .thenComparing(c -> c.id().length()).thenComparing(Comment::id);

    /** Every comment of the issues in a search's answer, oldest first (the issues come by their last update). */
    static List<Comment> comments(JsonNode search) {
        List<Comment> comments = new ArrayList<>();
        for (JsonNode issue : search.path("issues")) {
            String key = issue.path("key").asText(null);
            for (JsonNode comment : issue.path("fields").path("comment").path("comments")) {
                String id = comment.path("id").asText(null);
                String created = comment.path("created").asText(null);
                if (key == null || id == null || created == null) {
                    continue;
                }
                JsonNode visibility = comment.path("visibility");
                boolean isPublic = (visibility.isMissingNode() || visibility.isNull())
                        && comment.path("jsdPublic").asBoolean(true);
                comments.add(new Comment(key, id, OffsetDateTime.parse(created, JIRA_TIME).toInstant(),
                        comment.path("author").path("accountId").asText(""), text(comment.path("body")), isPublic));
            }
        }
        comments.sort(OLDEST_FIRST);
        return comments;
    }

    /**
     * The plain text of an Atlassian Document Format body: text, mentions and emoji as written, a hard break as a new
     * line, paragraphs apart by a blank line, list items on lines of their own.
     */
    static String text(JsonNode document) {
        if (document.isTextual()) {
            return document.asText().strip(); // API v2 bodies, and wiki text
        }
        Flattened text = new Flattened();
        text.add(document);
        return text.out.toString().strip();
    }

    private static final class Flattened {
        private final StringBuilder out = new StringBuilder();
        /** The break owed before the next text: none, a new line, a blank line. */
        private String owed = "";

        void add(JsonNode node) {
            String type = node.path("type").asText();
            switch (type) {
                case "text" -> write(node.path("text").asText());
                case "mention", "emoji" -> write(node.path("attrs").path("text").asText());
                case "inlineCard" -> write(node.path("attrs").path("url").asText());
                case "hardBreak" -> owed += "\n";
                default -> {
                    // a container: its content below
                }
            }
            boolean paragraph = PARAGRAPHS.contains(type);
            if (paragraph || LINES.contains(type)) {
                owe(paragraph ? "\n\n" : "\n");
            }
            for (JsonNode child : node.path("content")) {
                add(child);
            }
            if (paragraph || LINES.contains(type)) {
                owe(paragraph ? "\n\n" : "\n");
            }
        }

        private void write(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (!out.isEmpty()) {
                out.append(owed);
            }
            owed = "";
            out.append(text);
        }

        private void owe(String lineBreak) {
            if (lineBreak.length() > owed.length()) {
                owed = lineBreak;
            }
        }
    }

    private ReplyCursor cursor() {
        return cursors.current(CURSOR, started);
    }

    private ZoneId zone() {
        return account == null ? ZoneOffset.UTC : account.zone();
    }

    private static ZoneId zone(String name) {
        try {
            return name.isBlank() ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private JsonNode read(Object body) throws IOException {
        if (body instanceof InputStream in) {
            try (in) {
                return json.readTree(in);
            }
        }
        if (body instanceof byte[] bytes) {
            return json.readTree(bytes);
        }
        return json.readTree(body == null ? "{}" : body.toString());
    }
}
