package io.socialwire.emulator.zendesk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.emulator.CreatedRecords;
import org.springframework.web.util.HtmlUtils;

/**
 * The helpdesk's tickets, comments and users, in memory, with Zendesk's rules: ticket ids count from 1, the
 * submitter (the agent calling the API) writes the first comment, a requester given by name and email is found by
 * email or created as an end user, tags are lower case without spaces, an agent's update moves a new ticket to open,
 * and a closed ticket takes no more updates.
 */
final class ZendeskDesk {

    static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    static final List<String> TYPES = List.of("problem", "incident", "question", "task");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TAG_SEPARATOR = Pattern.compile("[\\s,]+");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");

    static final class User {
        final long id;
        final String name;
        final String email;
        final String role;
        final Instant created;

        User(long id, String name, String email, String role, Instant created) {
            this.id = id;
            this.name = name;
            this.email = email;
            this.role = role;
            this.created = created;
        }
    }

    /** A ticket; fields are changed and read only under the desk's lock. */
    static final class Ticket {
        final long id;
        final long submitterId;
        final Instant created;
        long requesterId;
        String subject;
        String status = "new";
        String priority;
        String type;
        String externalId;
        List<String> tags = List.of();
        List<JsonNode> customFields = List.of();
        Instant updated;
        final List<Comment> comments = new ArrayList<>();

        Ticket(long id, long submitterId, Instant created) {
            this.id = id;
            this.submitterId = submitterId;
            this.created = created;
            this.updated = created;
        }

        String description() {
            return comments.isEmpty() ? "" : comments.get(0).body();
        }

        boolean isPublic() {
            return comments.isEmpty() || comments.get(0).isPublic();
        }
    }

    record Comment(long id, long authorId, String body, String htmlBody, boolean isPublic, Instant created) {
    }

    /** One write to a ticket (its creation or an update) by {@code authorId}, with the comment it added, if any. */
    record Audit(long id, long ticketId, long authorId, Instant created, Comment comment) {
    }

    private final Clock clock;
    private final CreatedRecords created;
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<Long, User> users = new LinkedHashMap<>();
    /** Every ticket write, oldest first: what the incremental ticket event export reads. */
    private final List<Audit> audits = new ArrayList<>();
    private final User agent;
    /** A second agent (EMULATOR_AGENT_USERNAME), a person answering tickets; null when none is configured. */
    private final User supportAgent;
    private long nextTicketId = 1;
    private long nextUserId = 9_000_000_001L;
    private long nextCommentId = 30_000_000_001L;
    private long nextAuditId = 40_000_000_001L;

    ZendeskDesk(Clock clock, CreatedRecords created, String agentEmail) {
        this(clock, created, agentEmail, null);
    }

    ZendeskDesk(Clock clock, CreatedRecords created, String agentEmail, String supportAgentEmail) {
        this.clock = clock;
        this.created = created;
        this.agent = addUser("Socialwire Agent", agentEmail, "admin");
        this.supportAgent = supportAgentEmail == null || supportAgentEmail.isBlank() ? null
                : addUser("Support Agent", supportAgentEmail, "agent");
    }

    Optional<User> supportAgent() {
        return Optional.ofNullable(supportAgent);
    }

    User agent() {
        return agent;
    }

    synchronized Ticket create(JsonNode fields) {
        Map<String, List<String[]>> failures = new LinkedHashMap<>();
        JsonNode comment = fields.path("comment");
        String body = commentText(comment);
        if (body.isBlank() && fields.path("description").isTextual()) {
            body = fields.path("description").asText();
        }
        if (body.isBlank()) {
            fail(failures, "base", "Description: cannot be blank", "BlankValue");
        }
        Long authorId = author(comment, failures);
        Long requesterId = requester(fields, failures);
        String priority = choice(fields, "priority", PRIORITIES, failures);
        String type = choice(fields, "type", TYPES, failures);
        String status = choice(fields, "status", STATUSES, failures);
        if (!failures.isEmpty()) {
            throw ZendeskError.invalid(failures);
        }
        Instant now = clock.instant();
        Ticket ticket = new Ticket(nextTicketId++, agent.id, now);
        ticket.requesterId = requesterId == null ? requesterOf(fields) : requesterId;
        ticket.subject = fields.path("subject").asText(null);
        ticket.priority = priority;
        ticket.type = type;
        ticket.status = status == null ? "new" : status;
        ticket.externalId = text(fields.path("external_id"));
        ticket.tags = tags(fields.path("tags"));
        ticket.customFields = customFields(fields.path("custom_fields"));
        Comment first = comment(comment, body, authorId == null ? ticket.submitterId : authorId, now);
        ticket.comments.add(first);
        tickets.put(ticket.id, ticket);
        audits.add(new Audit(nextAuditId++, ticket.id, ticket.submitterId, now, first));
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("subject", ticket.subject);
        recorded.put("description", ticket.description());
        created.add("zendesk", "ticket", Long.toString(ticket.id), recorded);
        return ticket;
    }

    /** Applies a {@code PUT /tickets/{id}.json}: changed fields, tags, and a comment if one is given. */
    synchronized Ticket update(long id, JsonNode fields) {
        return update(id, fields, agent.id);
    }

    /** The same by the agent {@code callerId}, who writes the comment unless it names another author. */
    synchronized Ticket update(long id, JsonNode fields, long callerId) {
        Ticket ticket = find(id).orElseThrow(ZendeskError::notFound);
        Map<String, List<String[]>> failures = new LinkedHashMap<>();
        if (ticket.status.equals("closed")) {
            fail(failures, "status", "Status: closed prevents ticket update", "ClosedPreventsUpdate");
            throw ZendeskError.invalid(failures);
        }
        JsonNode comment = fields.path("comment");
        String body = commentText(comment);
        Long authorId = author(comment, failures);
        Long requesterId = requester(fields, failures);
        String priority = choice(fields, "priority", PRIORITIES, failures);
        String type = choice(fields, "type", TYPES, failures);
        String status = choice(fields, "status", STATUSES, failures);
        if (!failures.isEmpty()) {
            throw ZendeskError.invalid(failures);
        }
        Instant now = clock.instant();
        if (fields.has("requester") || fields.has("requester_id")) {
            ticket.requesterId = requesterId == null ? requesterOf(fields) : requesterId;
        }
        if (fields.has("subject")) {
            ticket.subject = fields.path("subject").asText(null);
        }
        if (fields.has("priority")) {
            ticket.priority = priority;
        }
        if (fields.has("type")) {
            ticket.type = type;
        }
        if (fields.has("external_id")) {
            ticket.externalId = text(fields.path("external_id"));
        }
        if (fields.has("custom_fields")) {
            ticket.customFields = customFields(fields.path("custom_fields"));
        }
        Set<String> tags = new LinkedHashSet<>(fields.has("tags") ? tags(fields.path("tags")) : ticket.tags);
        tags.addAll(tags(fields.path("additional_tags")));
        tags.removeAll(tags(fields.path("remove_tags")));
        ticket.tags = List.copyOf(tags);
        ticket.status = status != null ? status : ticket.status.equals("new") ? "open" : ticket.status;
        Comment added = null;
        if (!body.isBlank()) {
            added = comment(comment, body, authorId == null ? callerId : authorId, now);
            ticket.comments.add(added);
            created.add("zendesk", "comment", ticket.id + "/" + added.id(), Map.of("body", added.body()));
        }
        audits.add(new Audit(nextAuditId++, ticket.id, callerId, now, added));
        ticket.updated = now;
        return ticket;
    }

    /** The writes at or after {@code since}, oldest first, at most {@code limit}. */
    synchronized List<Audit> auditsSince(Instant since, int limit) {
        return audits.stream().filter(a -> !a.created().isBefore(since)).limit(limit).toList();
    }

    synchronized Optional<Ticket> find(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    synchronized boolean delete(long id) {
        return tickets.remove(id) != null;
    }

    synchronized List<Ticket> all() {
        return new ArrayList<>(tickets.values());
    }

    synchronized Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    /** Runs a read of tickets' mutable fields under the desk's lock. */
    synchronized <T> T read(Supplier<T> reader) {
        return reader.get();
    }

    private Comment comment(JsonNode comment, String body, long authorId, Instant now) {
        String html = comment.path("html_body").isTextual() ? comment.path("html_body").asText()
                : "<div class=\"zd-comment\" dir=\"auto\">" + HtmlUtils.htmlEscape(body).replace("\n", "<br>")
                + "</div>";
        boolean isPublic = !comment.path("public").isBoolean() || comment.path("public").asBoolean();
        return new Comment(nextCommentId++, authorId, body, html, isPublic, now);
    }

    /** The comment's plain text: its body, or its HTML body without tags. */
    private static String commentText(JsonNode comment) {
        if (comment.isTextual()) {
            return comment.asText();
        }
        if (comment.path("body").isTextual()) {
            return comment.path("body").asText();
        }
        if (comment.path("html_body").isTextual()) {
            String text = comment.path("html_body").asText().replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n");
            return HtmlUtils.htmlUnescape(HTML_TAG.matcher(text).replaceAll("")).strip();
        }
        return "";
    }

    private Long author(JsonNode comment, Map<String, List<String[]>> failures) {
        if (!comment.has("author_id") || comment.path("author_id").isNull()) {
            return null;
        }
        long id = comment.path("author_id").asLong();
        if (!users.containsKey(id)) {
            fail(failures, "base", "Author: is invalid", "InvalidValue");
        }
        return id;
    }

    /** The requester given by id, checked; null when given by name and email (created later) or not given. */
    private Long requester(JsonNode fields, Map<String, List<String[]>> failures) {
        if (fields.has("requester_id") && !fields.path("requester_id").isNull()) {
            long id = fields.path("requester_id").asLong();
            if (!users.containsKey(id)) {
                fail(failures, "requester", "Requester: is invalid", "InvalidValue");
            }
            return id;
        }
        JsonNode requester = fields.path("requester");
        if (requester.isObject()) {
            String name = requester.path("name").asText("");
            String email = requester.path("email").asText("");
            if (name.isBlank() && email.isBlank()) {
                fail(failures, "requester", "Requester: Name: is too short (minimum is 1 character)", "InvalidValue");
            } else if (!email.isBlank() && !EMAIL.matcher(email).matches()) {
                fail(failures, "requester", "Requester: Email: " + email + " is not properly formatted",
                        "InvalidFormat");
            }
        }
        return null;
    }

    /** The requester a {@code requester} object names, found by email or created; otherwise the agent. */
    private long requesterOf(JsonNode fields) {
        JsonNode requester = fields.path("requester");
        if (!requester.isObject()) {
            return agent.id;
        }
        String email = requester.path("email").asText("").strip();
        if (!email.isEmpty()) {
            for (User user : users.values()) {
                if (email.equalsIgnoreCase(user.email)) {
                    return user.id;
                }
            }
        }
        String name = requester.path("name").asText("").strip();
        return addUser(name.isEmpty() ? email : name, email.isEmpty() ? null : email, "end-user").id;
    }

    private User addUser(String name, String email, String role) {
        User user = new User(nextUserId++, name, email, role, clock.instant());
        users.put(user.id, user);
        return user;
    }

    private static String choice(JsonNode fields, String field, List<String> allowed,
                                 Map<String, List<String[]>> failures) {
        JsonNode value = fields.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().toLowerCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            fail(failures, field, Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + value.asText()
                    + " is not valid", "InvalidValue");
        }
        return text;
    }

    /** Zendesk's tags: lower case, split at spaces and commas, without repeats. */
    static List<String> tags(JsonNode tags) {
        Set<String> result = new LinkedHashSet<>();
        if (tags.isTextual()) {
            addTags(tags.asText(), result);
        }
        for (JsonNode tag : tags.isArray() ? tags : List.<JsonNode>of()) {
            addTags(tag.asText(), result);
        }
        return List.copyOf(result);
    }

    private static void addTags(String text, Set<String> tags) {
        for (String tag : TAG_SEPARATOR.split(text.toLowerCase(Locale.ROOT))) {
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
    }

    private static List<JsonNode> customFields(JsonNode fields) {
        List<JsonNode> result = new ArrayList<>();
        fields.forEach(f -> result.add(f.deepCopy()));
        return List.copyOf(result);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static void fail(Map<String, List<String[]>> failures, String field, String description, String error) {
        failures.computeIfAbsent(field, f -> new ArrayList<>()).add(new String[] {description, error});
    }
}
