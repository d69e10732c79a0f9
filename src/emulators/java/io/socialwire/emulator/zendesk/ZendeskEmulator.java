package io.socialwire.emulator.zendesk;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A Zendesk Support account as its API clients (camel-zendesk's zendesk-java-client, node-zendesk, curl) see it,
 * under {@code /emulators/zendesk/api/v2}: create, show, update (a {@code ticket.comment} adds a comment) and delete
 * tickets, list a ticket's comments, list tickets by {@code external_id}, search, read users, and export ticket
 * events incrementally (with comment events). Basic auth as
 * {@code <email>:<password>} or {@code <email>/token:<api token>}; Zendesk's error shapes; offset pages with
 * {@code next_page}.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "/emulators/zendesk/api/v2", produces = MediaType.APPLICATION_JSON_VALUE)
public class ZendeskEmulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most ticket events one page of the incremental export holds (Zendesk's). */
    private static final int EXPORT_PAGE = 1000;

    private final EmulatorProperties credentials;
    private final int perPageLimit;
    private final ZendeskDesk desk;

    public ZendeskEmulator(EmulatorProperties credentials, ZendeskEmulatorProperties properties, Clock clock,
                           CreatedRecords created) {
        this.credentials = credentials;
        this.perPageLimit = Math.max(1, properties.perPageLimit());
        this.desk = new ZendeskDesk(clock, created, credentials.username(),
                credentials.hasAgent() ? credentials.agentUsername() : null);
    }

    @PostMapping("/tickets.json")
    public ResponseEntity<Object> create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        authenticate(request);
        ZendeskDesk.Ticket ticket = desk.create(json(body, request).path("ticket"));
        String base = base(request);
        return ResponseEntity.status(201).header(HttpHeaders.LOCATION, base + "/api/v2/tickets/" + ticket.id + ".json")
                .body(desk.read(() -> Map.of("ticket", ticket(ticket, base), "audit", audit(ticket))));
    }

    @GetMapping("/tickets/{id}.json")
    public ResponseEntity<Object> show(@PathVariable String id, HttpServletRequest request) {
        authenticate(request);
        ZendeskDesk.Ticket ticket = desk.find(id(id)).orElseThrow(ZendeskError::notFound);
        return ResponseEntity.ok(desk.read(() -> Map.of("ticket", ticket(ticket, base(request)))));
    }

    @PutMapping("/tickets/{id}.json")
    public ResponseEntity<Object> update(@PathVariable String id, @RequestBody(required = false) byte[] body,
                                         HttpServletRequest request) {
        ZendeskDesk.User caller = authenticate(request);
        ZendeskDesk.Ticket ticket = desk.update(id(id), json(body, request).path("ticket"), caller.id);
        return ResponseEntity.ok(desk.read(() -> Map.of("ticket", ticket(ticket, base(request)),
                "audit", audit(ticket))));
    }

    @DeleteMapping("/tickets/{id}.json")
    public ResponseEntity<Object> delete(@PathVariable String id, HttpServletRequest request) {
        authenticate(request);
        if (!desk.delete(id(id))) {
            throw ZendeskError.notFound();
        }
        return ResponseEntity.noContent().build();
    }

    /** All tickets, or those with an {@code external_id}, oldest first, in offset pages. */
    @GetMapping("/tickets.json")
    public ResponseEntity<Object> list(@RequestParam(name = "external_id", required = false) String externalId,
                                       @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(name = "per_page", required = false) Integer perPage,
                                       HttpServletRequest request) {
        authenticate(request);
        String base = base(request);
        return ResponseEntity.ok(desk.read(() -> {
            List<Map<String, Object>> tickets = desk.all().stream()
                    .filter(t -> externalId == null || externalId.equals(t.externalId))
                    .map(t -> ticket(t, base)).toList();
            return page("tickets", tickets, page, perPage, request);
        }));
    }

    @GetMapping("/tickets/{id}/comments.json")
    public ResponseEntity<Object> comments(@PathVariable String id,
                                           @RequestParam(name = "sort_order", defaultValue = "asc") String sortOrder,
                                           @RequestParam(defaultValue = "1") int page,
                                           @RequestParam(name = "per_page", required = false) Integer perPage,
                                           HttpServletRequest request) {
        authenticate(request);
        ZendeskDesk.Ticket ticket = desk.find(id(id)).orElseThrow(ZendeskError::notFound);
        return ResponseEntity.ok(desk.read(() -> {
            List<Map<String, Object>> comments = new ArrayList<>(ticket.comments.stream()
                    .map(this::comment).toList());
            if (sortOrder.equalsIgnoreCase("desc")) {
                Collections.reverse(comments);
            }
            return page("comments", comments, page, perPage, request);
        }));
    }

    /**
     * Ticket search, newest first unless {@code sort_by}/{@code sort_order} say otherwise. Unlike Zendesk's, whose
     * index lags writes by a minute or more, results include a ticket as soon as it is written.
     */
    @GetMapping("/search.json")
    public ResponseEntity<Object> search(@RequestParam(required = false) String query,
                                         @RequestParam(required = false) String type,
                                         @RequestParam(name = "sort_by", required = false) String sortBy,
                                         @RequestParam(name = "sort_order", defaultValue = "desc") String sortOrder,
                                         @RequestParam(defaultValue = "1") int page,
                                         @RequestParam(name = "per_page", required = false) Integer perPage,
                                         HttpServletRequest request) {
        authenticate(request);
        if (query == null || query.isBlank()) {
            throw ZendeskError.badRequest("InvalidSearchQuery", "The query parameter is required");
        }
        String base = base(request);
        ZendeskSearch search = ZendeskSearch.parse(type == null ? query : query + " type:" + type,
                id -> desk.user(id).orElse(null));
        return ResponseEntity.ok(desk.read(() -> {
            Comparator<ZendeskDesk.Ticket> order = switch (sortBy == null ? "" : sortBy) {
                case "updated_at" -> Comparator.comparing((ZendeskDesk.Ticket t) -> t.updated);
                case "priority" -> Comparator.comparingInt((ZendeskDesk.Ticket t) ->
                        ZendeskDesk.PRIORITIES.indexOf(t.priority));
                case "status" -> Comparator.comparingInt((ZendeskDesk.Ticket t) ->
                        ZendeskDesk.STATUSES.indexOf(t.status));
                default -> Comparator.comparing((ZendeskDesk.Ticket t) -> t.created);
            };
            order = order.thenComparingLong(t -> t.id);
            Predicate<ZendeskDesk.Ticket> matches = search::matches;
            List<Map<String, Object>> results = desk.all().stream().filter(matches)
                    .sorted(sortOrder.equalsIgnoreCase("asc") ? order : order.reversed())
                    .map(t -> {
                        Map<String, Object> result = ticket(t, base);
                        result.put("result_type", "ticket");
                        return result;
                    }).toList();
            Map<String, Object> answer = page("results", results, page, perPage, request);
            answer.put("facets", null);
            return answer;
        }));
    }

    /**
     * The time-based incremental ticket event export: every ticket write (an audit) at or after {@code start_time}
     * (epoch seconds), oldest first, 1,000 a page, each with its child events; {@code include=comment_events} adds the
     * comment's body, author and visibility to its {@code Comment} event, as Zendesk does. Admins only. Unlike
     * Zendesk's, it does not hold back the last minute's writes, nor count the 10 requests a minute allowed.
     */
    @GetMapping("/incremental/ticket_events.json")
    public ResponseEntity<Object> ticketEvents(@RequestParam(name = "start_time", required = false) String startTime,
                                               @RequestParam(required = false) String include,
                                               HttpServletRequest request) {
        ZendeskDesk.User caller = authenticate(request);
        if (!"admin".equals(caller.role)) {
            throw ZendeskError.forbidden();
        }
        long start;
        try {
            start = Long.parseLong(startTime == null ? "" : startTime);
        } catch (NumberFormatException e) {
            throw ZendeskError.badRequest("InvalidValue", "start_time is required, in epoch seconds");
        }
        boolean comments = include != null && List.of(include.split(",")).contains("comment_events");
        List<ZendeskDesk.Audit> audits = desk.auditsSince(Instant.ofEpochSecond(start), EXPORT_PAGE);
        List<Map<String, Object>> events = audits.stream().map(a -> ticketEvent(a, comments)).toList();
        long end = audits.isEmpty() ? start : audits.get(audits.size() - 1).created().getEpochSecond();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ticket_events", events);
        answer.put("next_page", ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("start_time", end)
                .build().toUriString());
        answer.put("count", events.size());
        answer.put("end_time", end);
        answer.put("end_of_stream", events.size() < EXPORT_PAGE);
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/users/me.json")
    public ResponseEntity<Object> me(HttpServletRequest request) {
        return ResponseEntity.ok(Map.of("user", user(authenticate(request), base(request))));
    }

    @GetMapping("/users/{id}.json")
    public ResponseEntity<Object> user(@PathVariable String id, HttpServletRequest request) {
        authenticate(request);
        return ResponseEntity.ok(Map.of("user", user(desk.user(id(id)).orElseThrow(ZendeskError::notFound),
                base(request))));
    }

    @ExceptionHandler(ZendeskError.class)
    public ResponseEntity<Object> error(ZendeskError e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Web Password\"");
        }
        return answer.body(e.body());
    }

    private Map<String, Object> page(String name, List<Map<String, Object>> all, int page, Integer perPage,
                                     HttpServletRequest request) {
        int size = perPage == null ? perPageLimit : Math.max(1, Math.min(perPage, perPageLimit));
        int number = Math.max(1, page);
        int from = Math.min(all.size(), (number - 1) * size);
        int to = Math.min(all.size(), from + size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(name, all.subList(from, to));
        answer.put("next_page", to < all.size() ? pageUrl(request, number + 1, size) : null);
        answer.put("previous_page", number > 1 ? pageUrl(request, number - 1, size) : null);
        answer.put("count", all.size());
        return answer;
    }

    private static String pageUrl(HttpServletRequest request, int page, int size) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("page", page)
                .replaceQueryParam("per_page", size).build().toUriString();
    }

    private Map<String, Object> ticket(ZendeskDesk.Ticket ticket, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", base + "/api/v2/tickets/" + ticket.id + ".json");
        json.put("id", ticket.id);
        json.put("external_id", ticket.externalId);
        json.put("via", via());
        json.put("created_at", time(ticket.created));
        json.put("updated_at", time(ticket.updated));
        json.put("generated_timestamp", ticket.updated.getEpochSecond());
        json.put("type", ticket.type);
        json.put("subject", ticket.subject);
        json.put("raw_subject", ticket.subject);
        json.put("description", ticket.description());
        json.put("priority", ticket.priority);
        json.put("status", ticket.status);
        json.put("recipient", null);
        json.put("requester_id", ticket.requesterId);
        json.put("submitter_id", ticket.submitterId);
        json.put("assignee_id", null);
        json.put("organization_id", null);
        json.put("group_id", null);
        json.put("collaborator_ids", List.of());
        json.put("follower_ids", List.of());
        json.put("email_cc_ids", List.of());
        json.put("forum_topic_id", null);
        json.put("problem_id", null);
        json.put("has_incidents", false);
        json.put("is_public", ticket.isPublic());
        json.put("due_at", null);
        json.put("tags", ticket.tags);
        json.put("custom_fields", ticket.customFields);
        json.put("satisfaction_rating", null);
        json.put("sharing_agreement_ids", List.of());
        json.put("custom_status_id", 1 + ZendeskDesk.STATUSES.indexOf(ticket.status));
        json.put("fields", ticket.customFields);
        json.put("followup_ids", List.of());
        json.put("ticket_form_id", null);
        json.put("brand_id", null);
        json.put("allow_channelback", false);
        json.put("allow_attachments", true);
        json.put("from_messaging_channel", false);
        return json;
    }

    private Map<String, Object> comment(ZendeskDesk.Comment comment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("type", "Comment");
        json.put("author_id", comment.authorId());
        json.put("body", comment.body());
        json.put("html_body", comment.htmlBody());
        json.put("plain_body", comment.body());
        json.put("public", comment.isPublic());
        json.put("attachments", List.of());
        json.put("audit_id", comment.id() + 1);
        json.put("via", via());
        json.put("created_at", time(comment.created()));
        json.put("metadata", Map.of("system", Map.of(), "custom", Map.of()));
        return json;
    }

    /** A ticket write in the incremental export; its comment's text and author only with comment_events. */
    private static Map<String, Object> ticketEvent(ZendeskDesk.Audit audit, boolean withComments) {
        List<Map<String, Object>> children = new ArrayList<>();
        ZendeskDesk.Comment comment = audit.comment();
        if (comment != null) {
            Map<String, Object> child = new LinkedHashMap<>();
            child.put("id", comment.id());
            child.put("via", "Web service");
            child.put("via_reference_id", null);
            child.put("comment_present", true);
            child.put("comment_public", comment.isPublic());
            child.put("event_type", "Comment");
            if (withComments) {
                child.put("author_id", comment.authorId());
                child.put("body", comment.body());
                child.put("html_body", comment.htmlBody());
                child.put("plain_body", comment.body());
                child.put("public", comment.isPublic());
                child.put("attachments", List.of());
                child.put("audit_id", audit.id());
                child.put("created_at", time(comment.created()));
            }
            children.add(child);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", audit.id());
        event.put("ticket_id", audit.ticketId());
        event.put("timestamp", audit.created().getEpochSecond());
        event.put("created_at", time(audit.created()));
        event.put("updater_id", audit.authorId());
        event.put("via", "Web service");
        event.put("system", Map.of());
        event.put("event_type", "Audit");
        event.put("child_events", children);
        return event;
    }

    /** The audit of the ticket's last change: its newest comment, as Zendesk reports a write. */
    private Map<String, Object> audit(ZendeskDesk.Ticket ticket) {
        ZendeskDesk.Comment last = ticket.comments.get(ticket.comments.size() - 1);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", last.id());
        event.put("type", "Comment");
        event.put("author_id", last.authorId());
        event.put("body", last.body());
        event.put("public", last.isPublic());
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("id", last.id() + 1);
        audit.put("ticket_id", ticket.id);
        audit.put("created_at", time(ticket.updated));
        audit.put("author_id", last.authorId());
        audit.put("via", via());
        audit.put("events", List.of(event));
        return audit;
    }

    private static Map<String, Object> user(ZendeskDesk.User user, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id);
        json.put("url", base + "/api/v2/users/" + user.id + ".json");
        json.put("name", user.name);
        json.put("email", user.email);
        json.put("created_at", time(user.created));
        json.put("updated_at", time(user.created));
        json.put("time_zone", "UTC");
        json.put("locale", "en-US");
        json.put("role", user.role);
        json.put("active", true);
        json.put("verified", user.email != null);
        json.put("suspended", false);
        return json;
    }

    private static Map<String, Object> via() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("from", Map.of());
        source.put("to", Map.of());
        source.put("rel", null);
        Map<String, Object> via = new LinkedHashMap<>();
        via.put("channel", "api");
        via.put("source", source);
        return via;
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ZendeskError.notFound();
        }
    }

    private static JsonNode json(byte[] body, HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            throw ZendeskError.unsupportedMediaType();
        }
        try {
            JsonNode json = body == null || body.length == 0 ? null : JSON.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // answered below, without echoing the body
        }
        throw ZendeskError.badRequest("InvalidJSON", "The request body is not a JSON object");
    }

    /**
     * Basic auth as {@code <email>:<password>} or {@code <email>/token:<api token>}, as the integration's agent or
     * the support agent (EMULATOR_AGENT_USERNAME); the agent signed in.
     */
    private ZendeskDesk.User authenticate(HttpServletRequest request) {
        Optional<BasicCredentials> given = BasicCredentials.parse(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (given.filter(c -> c.matches(credentials.username(), credentials.password())
                || c.matches(credentials.username() + "/token", credentials.password())).isPresent()) {
            return desk.agent();
        }
        if (credentials.hasAgent() && given.filter(c -> c.matches(credentials.agentUsername(),
                credentials.agentPassword()) || c.matches(credentials.agentUsername() + "/token",
                credentials.agentPassword())).isPresent()) {
            return desk.supportAgent().orElseThrow();
        }
        throw ZendeskError.unauthenticated();
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path("/emulators/zendesk").build().toUriString();
    }
}
