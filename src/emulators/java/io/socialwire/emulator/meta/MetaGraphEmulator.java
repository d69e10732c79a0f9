package io.socialwire.emulator.meta;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;
import io.socialwire.emulator.EmulatorProperties;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Graph API the hub answers through, as the brand's Facebook Page and Instagram account, under
 * {@code /emulators/meta/{version}} for any {@code vNN.N}: a Page's reply to a post or comment
 * ({@code POST /{object-id}/comments}), an Instagram comment reply ({@code POST /{ig-comment-id}/replies}), both
 * readable back ({@code GET} on the same edges), and the Messenger Send API ({@code POST /me/messages}) with its
 * messaging window. It accepts a reply to any object id, since the comments it answers were made on the platform,
 * unless a test deleted that object. The Page access token comes as {@code Authorization: Bearer} or
 * {@code access_token}; every answer carries {@code X-App-Usage}. Test hooks outside the version prefix:
 * {@code PUT /_people/{psid}} sets when a person last wrote to the Page, {@code DELETE /_objects/{id}} deletes a
 * post or comment. What it was sent is kept on disk ({@link EmulatorJournal}).
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "${socialwire.emulators.meta-path:/emulators/meta}", produces = MediaType.APPLICATION_JSON_VALUE)
public class MetaGraphEmulator {

    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    private static final Duration USAGE_WINDOW = Duration.ofHours(1);
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids count up from here, far from the ids the examples in the docs use. */
    static final long FIRST_ID = 1_780_000_000_000_000L;

    /** A reply the Page posted, on a Facebook object's {@code comments} or an Instagram comment's {@code replies}. */
    record Reply(String id, String objectId, String edge, String message, Instant createdAt) {
    }

    /** A message the Page sent through the Send API. */
    record Sent(String messageId, String recipientId, String messagingType, String tag, String text,
                Instant createdAt) {
    }

    /** One change, on disk: a reply, a sent message, when a person last wrote, or a deleted object. */
    record Saved(Reply reply, Sent sent, String psid, Instant lastMessageAt, String deletedObjectId) {
    }

    private final String pageToken;
    private final String pageId;
    private final String pageName;
    private final String instagramUsername;
    private final int callsPerHour;
    private final Clock clock;
    private final CreatedRecords created;
    private final EmulatorJournal disk;
    private final List<Reply> replies = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Instant> lastMessageAt = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final AtomicLong ids = new AtomicLong(FIRST_ID);
    /** When the calls of the last hour came, for X-App-Usage; guarded by {@code this}. */
    private final Deque<Instant> recentCalls = new ArrayDeque<>();

    public MetaGraphEmulator(@Value("${socialwire.emulators.meta-page-token:}") String pageToken,
                             @Value("${socialwire.emulators.meta-page-id:1000000000000001}") String pageId,
                             @Value("${socialwire.emulators.meta-page-name:Acme}") String pageName,
                             @Value("${socialwire.emulators.meta-instagram-username:acme}") String instagramUsername,
                             @Value("${socialwire.emulators.meta-calls-per-hour:4800}") int callsPerHour,
                             Clock clock, CreatedRecords created, EmulatorProperties properties) {
        this.pageToken = pageToken;
        this.pageId = pageId;
        this.pageName = pageName;
        this.instagramUsername = instagramUsername;
        this.callsPerHour = Math.max(1, callsPerHour);
        this.clock = clock;
        this.created = created;
        this.disk = EmulatorJournal.open(properties.dataDir(), "meta");
        disk.restore(Saved.class, this::replay, () -> Stream.of(
                replies.stream().map(r -> new Saved(r, null, null, null, null)),
                sent.stream().map(s -> new Saved(null, s, null, null, null)),
                lastMessageAt.entrySet().stream().map(e -> new Saved(null, null, e.getKey(), e.getValue(), null)),
                deleted.stream().map(id -> new Saved(null, null, null, null, id))).flatMap(s -> s).toList());
    }

    private void replay(Saved saved) {
        if (saved.reply() != null) {
            replies.add(saved.reply());
            String id = saved.reply().id();
            ids.accumulateAndGet(Long.parseLong(id.substring(id.lastIndexOf('_') + 1)), Math::max);
        }
        if (saved.sent() != null) {
            sent.add(saved.sent());
        }
        if (saved.psid() != null) {
            lastMessageAt.put(saved.psid(), saved.lastMessageAt());
        }
        if (saved.deletedObjectId() != null) {
            deleted.add(saved.deletedObjectId());
        }
    }

    @PreDestroy
    void close() {
        disk.close();
    }

    /** Before every answer: Meta's usage header, the share of the hour's calls used, in percent. */
    @ModelAttribute
    void appUsage(HttpServletResponse response) {
        response.setHeader("X-App-Usage", appUsage());
    }

    /** The Page's comment on a Facebook post or comment; the id is the object's last id part, '_', a new number. */
    @PostMapping("/{version:v\\d+\\.\\d+}/{objectId}/comments")
    public synchronized Map<String, Object> comment(@PathVariable String objectId, HttpServletRequest request) {
        return answer(objectId, "comments", "Missing message or attachment", request,
                () -> objectId.substring(objectId.lastIndexOf('_') + 1) + "_" + ids.incrementAndGet());
    }

    /** The Instagram account's reply to a comment on its media. */
    @PostMapping("/{version:v\\d+\\.\\d+}/{commentId}/replies")
    public synchronized Map<String, Object> reply(@PathVariable String commentId, HttpServletRequest request) {
        return answer(commentId, "replies", "The parameter message is required", request,
                () -> Long.toString(ids.incrementAndGet()));
    }

    private Map<String, Object> answer(String objectId, String edge, String withoutMessage, HttpServletRequest request,
                                       java.util.function.Supplier<String> newId) {
        JsonNode body = body(request);
        authenticate(request, body);
        String message = text(body, request, "message");
        if (message == null) {
            throw GraphError.parameter(withoutMessage);
        }
        if (deleted.contains(objectId)) {
            throw GraphError.noSuchObject(objectId);
        }
        String id = newId.get();
        add(new Reply(id, objectId, edge, message, clock.instant()));
        return Map.of("id", id);
    }

    /** The Page's comments on an object, oldest first, in Graph's shape and paging ({@code limit}, {@code after}). */
    @GetMapping("/{version:v\\d+\\.\\d+}/{objectId}/comments")
    public synchronized Map<String, Object> comments(@PathVariable String objectId,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) String after,
            HttpServletRequest request) {
        authenticate(request, null);
        return page(objectId, "comments", limit, after, r -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", r.id());
            json.put("message", r.message());
            json.put("from", Map.of("id", pageId, "name", pageName));
            json.put("created_time", GRAPH_TIME.format(r.createdAt()));
            return json;
        });
    }

    /** The account's replies to an Instagram comment, in Instagram's shape ({@code text}, {@code timestamp}). */
    @GetMapping("/{version:v\\d+\\.\\d+}/{commentId}/replies")
    public synchronized Map<String, Object> replies(@PathVariable String commentId,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) String after,
            HttpServletRequest request) {
        authenticate(request, null);
        return page(commentId, "replies", limit, after, r -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", r.id());
            json.put("text", r.message());
            json.put("username", instagramUsername);
            json.put("from", Map.of("id", pageId, "username", instagramUsername));
            json.put("timestamp", GRAPH_TIME.format(r.createdAt()));
            return json;
        });
    }

    /**
     * The Send API: {@code messaging_type} RESPONSE (or UPDATE) within 24 hours of the person's last message,
     * MESSAGE_TAG with tag HUMAN_AGENT within 7 days; outside them Graph's error code 10, subcode 2018278.
     */
    @PostMapping(path = "/{version:v\\d+\\.\\d+}/me/messages")
    public synchronized Map<String, Object> send(HttpServletRequest request) {
        JsonNode body = body(request);
        authenticate(request, body);
        String recipient = body == null ? null : body.path("recipient").path("id").asText(null);
        if (recipient == null || recipient.isBlank()) {
            throw GraphError.parameter("The parameter recipient is required");
        }
        String text = body.path("message").path("text").asText(null);
        if (text == null || text.isBlank()) {
            throw GraphError.parameter("The parameter message is required");
        }
        String type = body.path("messaging_type").asText("RESPONSE");
        String tag = body.path("tag").asText(null);
        Duration window = switch (type) {
            case "RESPONSE", "UPDATE" -> STANDARD_WINDOW;
            case "MESSAGE_TAG" -> {
                if (tag == null || tag.isBlank()) {
                    throw GraphError.parameter("Param tag is required when messaging_type is MESSAGE_TAG");
                }
                yield "HUMAN_AGENT".equals(tag) ? HUMAN_AGENT_WINDOW : null;
            }
            default -> throw GraphError.parameter("Param messaging_type must be one of {RESPONSE, UPDATE, "
                    + "MESSAGE_TAG} - got \"" + type + "\"");
        };
        Instant now = clock.instant();
        Instant last = lastMessageAt.getOrDefault(recipient, now);
        if (window != null && now.isAfter(last.plus(window))) {
            throw GraphError.outsideWindow();
        }
        Sent message = new Sent("m_" + UUID.randomUUID().toString().replace("-", ""), recipient, type, tag, text,
                now);
        sent.add(message);
        disk.append(new Saved(null, message, null, null, null));
        created.add("meta", "message", message.messageId(), Map.of("text", text));
        return Map.of("recipient_id", recipient, "message_id", message.messageId());
    }

    /** Not Graph's: what the Page sent to one person (or everyone), oldest first, for a test or a demo to read. */
    @GetMapping("/{version:v\\d+\\.\\d+}/me/messages")
    public synchronized Map<String, Object> sentMessages(@RequestParam(required = false) String recipient,
                                                         HttpServletRequest request) {
        authenticate(request, null);
        return Map.of("data", sent.stream().filter(m -> recipient == null || m.recipientId().equals(recipient))
                .map(m -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("message_id", m.messageId());
                    json.put("recipient_id", m.recipientId());
                    json.put("messaging_type", m.messagingType());
                    if (m.tag() != null) {
                        json.put("tag", m.tag());
                    }
                    json.put("text", m.text());
                    json.put("created_time", GRAPH_TIME.format(m.createdAt()));
                    return json;
                }).toList());
    }

    /** Test hook: when the person (a page-scoped id) last wrote to the Page, which opens the messaging window. */
    @PutMapping(path = "/_people/{psid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Object> person(@PathVariable String psid, @RequestBody JsonNode body) {
        Instant at;
        try {
            at = Instant.parse(body.path("last_message_at").asText(""));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(GraphError.body(
                    "(#100) last_message_at must be an ISO-8601 instant", 100, null));
        }
        lastMessageAt.put(psid, at);
        disk.append(new Saved(null, null, psid, at, null));
        return ResponseEntity.noContent().build();
    }

    /** Test hook: the post or comment is gone; replying to it is refused as Graph refuses it. */
    @DeleteMapping("/_objects/{objectId}")
    public synchronized ResponseEntity<Object> deleteObject(@PathVariable String objectId) {
        deleted.add(objectId);
        disk.append(new Saved(null, null, null, null, objectId));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(GraphError.class)
    public ResponseEntity<Map<String, Object>> error(GraphError e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.body());
    }

    private void add(Reply reply) {
        replies.add(reply);
        disk.append(new Saved(reply, null, null, null, null));
        created.add("meta", reply.edge().equals("comments") ? "comment" : "reply", reply.id(),
                Map.of("message", reply.message()));
    }

    private Map<String, Object> page(String objectId, String edge, int limit, String after,
                                     java.util.function.Function<Reply, Map<String, Object>> json) {
        List<Reply> all = replies.stream().filter(r -> r.objectId().equals(objectId) && r.edge().equals(edge))
                .toList();
        int size = Math.max(1, Math.min(limit, 100));
        int from = after == null ? 0 : cursorIndex(after) + 1;
        List<Reply> pageOf = all.stream().skip(Math.max(0, from)).limit(size).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", pageOf.stream().map(json).toList());
        if (!pageOf.isEmpty()) {
            Map<String, Object> paging = new LinkedHashMap<>();
            paging.put("cursors", Map.of("before", cursor(from), "after", cursor(from + pageOf.size() - 1)));
            if (from + pageOf.size() < all.size()) {
                paging.put("next", "?limit=" + size + "&after=" + cursor(from + pageOf.size() - 1));
            }
            body.put("paging", paging);
        }
        return body;
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(index).getBytes());
    }

    private static int cursorIndex(String cursor) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor)));
        } catch (IllegalArgumentException e) {
            throw GraphError.parameter("Invalid after cursor");
        }
    }

    /** The Page token as a bearer header, an {@code access_token} parameter (query or form) or JSON field. */
    private void authenticate(HttpServletRequest request, JsonNode body) {
        String token = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            token = request.getParameter("access_token");
        }
        if (token == null && body != null) {
            token = body.path("access_token").asText(null);
        }
        if (pageToken == null || pageToken.isEmpty() || !BasicCredentials.same(token, pageToken)) {
            throw GraphError.invalidToken();
        }
    }

    /** A JSON body, or null for a form or no body (its fields are then request parameters). */
    private static JsonNode body(HttpServletRequest request) {
        if (request.getContentType() == null || !request.getContentType().contains("json")) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(request.getInputStream());
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            throw GraphError.parameter("The request body is not valid JSON");
        }
    }

    private static String text(JsonNode body, HttpServletRequest request, String field) {
        String value = body != null ? body.path(field).asText(null) : request.getParameter(field);
        return value == null || value.isBlank() ? null : value;
    }

    private synchronized String appUsage() {
        Instant now = clock.instant();
        recentCalls.addLast(now);
        while (!recentCalls.isEmpty() && recentCalls.peekFirst().isBefore(now.minus(USAGE_WINDOW))) {
            recentCalls.removeFirst();
        }
        long percent = (recentCalls.size() * 100L + callsPerHour - 1) / callsPerHour;
        return "{\"call_count\":" + Math.min(100, percent) + ",\"total_time\":0,\"total_cputime\":0}";
    }
}
