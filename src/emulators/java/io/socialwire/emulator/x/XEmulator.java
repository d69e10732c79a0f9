package io.socialwire.emulator.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.EmulatorJournal;
import io.socialwire.emulator.EmulatorProperties;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The X API the hub polls. The v2 subset, under {@code /emulators/x/2}: {@code POST /2/tweets} (the bearer token
 * {@code user:<username>} names the posting user, so a demo or a test can tweet at the brand), tweet lookup by id,
 * recent search, user mentions, a user's own tweets ({@code /2/users/:id/tweets}, with the replies'
 * {@code referenced_tweets}), tweet deletion (a reply to a deleted tweet is refused with 403) and user lookup, with
 * {@code since_id}, {@code next_token} paging, author expansions, X's {@code x-rate-limit-*} headers and its
 * 401/429 problem documents; the app bearer token reads.
 * The v1.1 subset twitter4j (camel-twitter) calls, under {@code /emulators/x/1.1}: search and the mentions timeline
 * of the brand account, for any OAuth 1.0a header, in v1.1's shapes and date format. Tweets, users and direct
 * messages are kept on disk ({@link EmulatorJournal}).
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "${socialwire.emulators.x-path:/emulators/x}", produces = MediaType.APPLICATION_JSON_VALUE)
public class XEmulator {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    /**
     * Ids count up from here: the examples in README.md and docs/ use ids below it (1790000000000000001 is the
     * sales question's), and a tweet whose id an example already used would be taken for that interaction again.
     */
    static final long FIRST_ID = 1_900_000_000_000_000_000L;

    record Tweet(String id, String text, String authorId, String conversationId, String inReplyToId,
                 Instant createdAt) {
    }

    record User(String id, String username, String name, long followers) {
    }

    record DirectMessage(String id, String senderId, String recipientId, String text, Instant createdAt) {
    }

    /** One of them, on disk; {@code deletedTweetId}: a tweet its author deleted. */
    record Saved(Tweet tweet, User user, DirectMessage message, String deletedTweetId) {

        Saved(Tweet tweet, User user, DirectMessage message) {
            this(tweet, user, message, null);
        }
    }

    private final String appToken;
    private final int requestsPerWindow;
    private final Clock clock;
    private final List<Tweet> tweets = new ArrayList<>();
    private final List<DirectMessage> messages = new ArrayList<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    /** Ids of deleted tweets: a reply to one is refused, as X refuses it. */
    private final Set<String> deleted = new HashSet<>();
    private final AtomicLong ids = new AtomicLong(FIRST_ID);
    private final EmulatorJournal disk;
    private Instant windowStart;
    private int used;

    public XEmulator(@Value("${socialwire.emulators.x-bearer-token}") String appToken,
                     @Value("${socialwire.emulators.x-requests-per-window:450}") int requestsPerWindow, Clock clock,
                     EmulatorProperties properties) {
        this.appToken = appToken;
        this.requestsPerWindow = requestsPerWindow;
        this.clock = clock;
        this.windowStart = clock.instant();
        this.disk = EmulatorJournal.open(properties.dataDir(), "x");
        disk.restore(Saved.class, this::replay, () -> Stream.of(
                users.values().stream().map(u -> new Saved(null, u, null)),
                tweets.stream().map(t -> new Saved(t, null, null)),
                messages.stream().map(m -> new Saved(null, null, m)),
                deleted.stream().map(id -> new Saved(null, null, null, id))).flatMap(s -> s).toList());
        user("acme");
    }

    private void replay(Saved saved) {
        if (saved.user() != null) {
            users.put(saved.user().id(), saved.user());
        }
        if (saved.tweet() != null) {
            tweets.add(saved.tweet());
            ids.accumulateAndGet(Long.parseLong(saved.tweet().id()), Math::max);
        }
        if (saved.message() != null) {
            messages.add(saved.message());
            ids.accumulateAndGet(Long.parseLong(saved.message().id()), Math::max);
        }
        if (saved.deletedTweetId() != null) {
            tweets.removeIf(t -> t.id().equals(saved.deletedTweetId()));
            deleted.add(saved.deletedTweetId());
        }
    }

    @PreDestroy
    void close() {
        disk.close();
    }

    @PostMapping(path = "/2/tweets", consumes = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Map<String, Object>> post(@RequestBody Map<String, Object> body,
                                                                 HttpServletRequest request) {
        String bearer = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (bearer == null || !bearer.startsWith("user:")) {
            return problem(401, "Unauthorized", "Posting needs a user token (user:<username>)");
        }
        Object text = body.get("text");
        if (!(text instanceof String s) || s.isBlank()) {
            return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
        }
        User author = user(bearer.substring(5));
        String replyTo = body.get("reply") instanceof Map<?, ?> reply ? (String) reply.get("in_reply_to_tweet_id")
                : null;
        if (replyTo != null && deleted.contains(replyTo)) {
            return problem(403, "Forbidden",
                    "You attempted to reply to a Tweet that is deleted or not visible to you.");
        }
        String conversation = replyTo == null ? null
                : tweets.stream().filter(t -> t.id().equals(replyTo)).map(Tweet::conversationId).findFirst()
                .orElse(replyTo);
        String id = Long.toString(ids.incrementAndGet());
        Tweet tweet = new Tweet(id, s, author.id(), conversation == null ? id : conversation, replyTo,
                clock.instant());
        tweets.add(tweet);
        disk.append(new Saved(tweet, null, null));
        return ResponseEntity.status(201).body(Map.of("data", Map.of("id", id, "text", s,
                "edit_history_tweet_ids", List.of(id))));
    }

    /** DELETE /2/tweets/:id by its author (user token): the tweet is gone, and a reply to it is refused with 403. */
    @DeleteMapping("/2/tweets/{id}")
    public synchronized ResponseEntity<Map<String, Object>> delete(@PathVariable String id,
                                                                   HttpServletRequest request) {
        String bearer = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (bearer == null || !bearer.startsWith("user:")) {
            return problem(401, "Unauthorized", "Deleting needs a user token (user:<username>)");
        }
        Optional<Tweet> found = tweets.stream().filter(t -> t.id().equals(id)).findFirst();
        if (found.isPresent() && !found.get().authorId().equals(user(bearer.substring(5)).id())) {
            return problem(403, "Forbidden", "You are not allowed to delete this Tweet.");
        }
        found.ifPresent(tweets::remove);
        deleted.add(id);
        disk.append(new Saved(null, null, null, id));
        return ResponseEntity.ok(Map.of("data", Map.of("deleted", true)));
    }

    /** A direct message to the brand account, sent as the user the token names. */
    @PostMapping(path = "/2/dm_conversations/with/{participant}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Map<String, Object>> sendMessage(@PathVariable String participant,
            @RequestBody Map<String, Object> body, HttpServletRequest request) {
        String bearer = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (bearer == null || !bearer.startsWith("user:")) {
            return problem(401, "Unauthorized", "Sending needs a user token (user:<username>)");
        }
        if (!(body.get("text") instanceof String text) || text.isBlank() || users.get(participant) == null) {
            return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
        }
        User sender = user(bearer.substring(5));
        String id = Long.toString(ids.incrementAndGet());
        DirectMessage message = new DirectMessage(id, sender.id(), participant, text, clock.instant());
        messages.add(message);
        disk.append(new Saved(null, null, message));
        return ResponseEntity.status(201).body(Map.of("data", Map.of("dm_conversation_id",
                participant + "-" + sender.id(), "dm_event_id", id)));
    }

    @GetMapping("/1.1/direct_messages/events/list.json")
    public synchronized ResponseEntity<Object> messagesV11(@RequestParam(defaultValue = "20") int count,
                                                          HttpServletRequest request) {
        if (!isOAuth(request)) {
            return v11Error(401, 32, "Could not authenticate you.");
        }
        List<Map<String, Object>> events = messages.stream()
                .sorted((a, b) -> Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()))).limit(count)
                .map(m -> Map.<String, Object>of("type", "message_create", "id", m.id(), "created_timestamp",
                        Long.toString(m.createdAt().toEpochMilli()), "message_create", Map.of(
                                "target", Map.of("recipient_id", m.recipientId()), "sender_id", m.senderId(),
                                "message_data", Map.of("text", m.text())))).toList();
        // no next_cursor: this is the last page (camel-twitter follows cursors until one repeats)
        return ResponseEntity.ok(Map.of("events", events));
    }

    /**
     * GET /2/tweets/:id: the tweet with the fields search answers, its author with {@code expansions=author_id}. An
     * unknown id is answered as X answers it: 200 with a resource-not-found problem in {@code errors} and no
     * {@code data} (X's own client reads that as a response whose errors name the id; a non-2xx status would carry a
     * single problem document instead).
     */
    @GetMapping("/2/tweets/{id}")
    public synchronized ResponseEntity<Map<String, Object>> tweet(@PathVariable String id,
            @RequestParam(required = false) String expansions, HttpServletRequest request) {
        Optional<ResponseEntity<Map<String, Object>>> refused = admit(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Tweet> found = tweets.stream().filter(t -> t.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("value", id);
            error.put("detail", "Could not find tweet with id: [" + id + "].");
            error.put("title", "Not Found Error");
            error.put("resource_type", "tweet");
            error.put("parameter", "id");
            error.put("resource_id", id);
            error.put("type", "https://api.twitter.com/2/problems/resource-not-found");
            return withLimits(ResponseEntity.ok()).body(Map.of("errors", List.of(error)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", json(found.get()));
        if (expansions != null && List.of(expansions.split(",")).contains("author_id")) {
            body.put("includes", Map.of("users", List.of(json(users.get(found.get().authorId())))));
        }
        return withLimits(ResponseEntity.ok()).body(body);
    }

    @GetMapping("/2/tweets/search/recent")
    public synchronized ResponseEntity<Map<String, Object>> search(@RequestParam String query,
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "max_results", defaultValue = "10") int maxResults,
            @RequestParam(name = "next_token", required = false) String nextToken, HttpServletRequest request) {
        List<String> terms = List.of(query.toLowerCase(Locale.ROOT).split("\\s+")).stream()
                .filter(t -> !t.startsWith("-") && !t.contains(":")).toList();
        return page(request, t -> terms.stream().allMatch(term -> t.text().toLowerCase(Locale.ROOT).contains(term)),
                sinceId, maxResults, nextToken);
    }

    @GetMapping("/2/users/{id}/mentions")
    public synchronized ResponseEntity<Map<String, Object>> mentions(@PathVariable String id,
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "max_results", defaultValue = "10") int maxResults,
            @RequestParam(name = "pagination_token", required = false) String token, HttpServletRequest request) {
        User user = users.get(id);
        if (user == null) {
            return problem(404, "Not Found Error", "Could not find user with id: [" + id + "].");
        }
        String handle = "@" + user.username().toLowerCase(Locale.ROOT);
        return page(request, t -> t.text().toLowerCase(Locale.ROOT).contains(handle), sinceId, maxResults, token);
    }

    /**
     * GET /2/users/:id/tweets: the user's own tweets and replies, newest first, each reply with
     * {@code referenced_tweets: [{"type":"replied_to","id":...}]}; the app token or the user's token reads it.
     */
    @GetMapping("/2/users/{id}/tweets")
    public synchronized ResponseEntity<Map<String, Object>> timeline(@PathVariable String id,
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "max_results", defaultValue = "10") int maxResults,
            @RequestParam(name = "pagination_token", required = false) String token, HttpServletRequest request) {
        if (users.get(id) == null) {
            Optional<ResponseEntity<Map<String, Object>>> refused = admit(request, true);
            return refused.orElseGet(() -> problem(404, "Not Found Error",
                    "Could not find user with id: [" + id + "]."));
        }
        return page(request, true, t -> t.authorId().equals(id), sinceId, maxResults, token);
    }

    @GetMapping("/2/users/by/username/{username}")
    public synchronized ResponseEntity<Map<String, Object>> byUsername(@PathVariable String username,
                                                                       HttpServletRequest request) {
        Optional<ResponseEntity<Map<String, Object>>> refused = admit(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        User user = user(username);
        return withLimits(ResponseEntity.ok()).body(Map.of("data", Map.of("id", user.id(), "username",
                user.username(), "name", user.name())));
    }

    @GetMapping("/1.1/search/tweets.json")
    public synchronized ResponseEntity<Object> searchV11(@RequestParam String q, HttpServletRequest request) {
        if (!isOAuth(request)) {
            return v11Error(401, 32, "Could not authenticate you.");
        }
        List<String> terms = List.of(q.toLowerCase(Locale.ROOT).split("\\s+"));
        List<Map<String, Object>> statuses = tweets.stream()
                .filter(t -> terms.stream().allMatch(term -> t.text().toLowerCase(Locale.ROOT).contains(term)))
                .sorted((a, b) -> Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()))).limit(15)
                .map(this::status).toList();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("completed_in", 0.01);
        metadata.put("max_id", statuses.isEmpty() ? 0 : statuses.get(0).get("id"));
        metadata.put("query", q);
        metadata.put("count", 15);
        metadata.put("since_id", 0);
        return ResponseEntity.ok(Map.of("statuses", statuses, "search_metadata", metadata));
    }

    @GetMapping("/1.1/statuses/mentions_timeline.json")
    public synchronized ResponseEntity<Object> mentionsV11(@RequestParam(name = "since_id", required = false) Long since,
                                                          @RequestParam(defaultValue = "20") int count,
                                                          HttpServletRequest request) {
        if (!isOAuth(request)) {
            return v11Error(401, 32, "Could not authenticate you.");
        }
        return ResponseEntity.ok(tweets.stream().filter(t -> t.text().toLowerCase(Locale.ROOT).contains("@acme"))
                .filter(t -> since == null || Long.parseLong(t.id()) > since)
                .sorted((a, b) -> Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()))).limit(count)
                .map(this::status).toList());
    }

    private static final java.time.format.DateTimeFormatter V11_TIME = java.time.format.DateTimeFormatter
            .ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private Map<String, Object> status(Tweet t) {
        User u = users.get(t.authorId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", Long.parseLong(u.id()));
        user.put("id_str", u.id());
        user.put("name", u.name());
        user.put("screen_name", u.username());
        user.put("followers_count", u.followers());
        user.put("verified", false);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("created_at", V11_TIME.format(t.createdAt()));
        status.put("id", Long.parseLong(t.id()));
        status.put("id_str", t.id());
        status.put("full_text", t.text());
        status.put("truncated", false);
        status.put("entities", Map.of("hashtags", List.of(), "symbols", List.of(), "user_mentions", List.of(),
                "urls", List.of()));
        status.put("in_reply_to_status_id", t.inReplyToId() == null ? null : Long.parseLong(t.inReplyToId()));
        status.put("in_reply_to_status_id_str", t.inReplyToId());
        status.put("user", user);
        status.put("lang", "en");
        status.put("retweet_count", 0);
        status.put("favorite_count", 0);
        return status;
    }

    private static boolean isOAuth(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.startsWith("OAuth ") && authorization.contains("oauth_signature");
    }

    private static ResponseEntity<Object> v11Error(int status, int code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("errors", List.of(Map.of("code", code, "message", message))));
    }

    private ResponseEntity<Map<String, Object>> page(HttpServletRequest request,
                                                     java.util.function.Predicate<Tweet> matches, String sinceId,
                                                     int maxResults, String token) {
        return page(request, false, matches, sinceId, maxResults, token);
    }

    private ResponseEntity<Map<String, Object>> page(HttpServletRequest request, boolean userTokenToo,
                                                     java.util.function.Predicate<Tweet> matches, String sinceId,
                                                     int maxResults, String token) {
        Optional<ResponseEntity<Map<String, Object>>> refused = admit(request, userTokenToo);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (maxResults < 5 || maxResults > 100) {
            return problem(400, "Invalid Request", "The `max_results` query parameter value [" + maxResults
                    + "] is not between 5 and 100");
        }
        List<Tweet> found = tweets.stream().filter(matches)
                .filter(t -> sinceId == null || Long.parseLong(t.id()) > Long.parseLong(sinceId))
                .sorted((a, b) -> Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()))).toList();
        int offset = token == null ? 0 : Integer.parseInt(token.substring(1));
        List<Tweet> pageOf = found.stream().skip(offset).limit(maxResults).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result_count", pageOf.size());
        if (!pageOf.isEmpty()) {
            meta.put("newest_id", pageOf.get(0).id());
            meta.put("oldest_id", pageOf.get(pageOf.size() - 1).id());
        }
        if (offset + maxResults < found.size()) {
            meta.put("next_token", "p" + (offset + maxResults));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!pageOf.isEmpty()) {
            body.put("data", pageOf.stream().map(this::json).toList());
            body.put("includes", Map.of("users", pageOf.stream().map(Tweet::authorId).distinct()
                    .map(users::get).map(XEmulator::json).toList()));
        }
        body.put("meta", meta);
        return withLimits(ResponseEntity.ok()).body(body);
    }

    private Map<String, Object> json(Tweet t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id());
        json.put("text", t.text());
        json.put("author_id", t.authorId());
        json.put("conversation_id", t.conversationId());
        json.put("created_at", t.createdAt().toString());
        json.put("lang", "en");
        if (t.inReplyToId() != null) {
            json.put("referenced_tweets", List.of(Map.of("type", "replied_to", "id", t.inReplyToId())));
        }
        json.put("edit_history_tweet_ids", List.of(t.id()));
        return json;
    }

    private static Map<String, Object> json(User u) {
        return Map.of("id", u.id(), "username", u.username(), "name", u.name(), "verified", false,
                "public_metrics", Map.of("followers_count", u.followers(), "following_count", 10, "tweet_count",
                        42, "listed_count", 1));
    }

    private User user(String username) {
        return users.values().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst()
                .orElseGet(() -> {
                    User u = new User(Long.toString(1000 + users.size()), username, username, 100);
                    users.put(u.id(), u);
                    disk.append(new Saved(null, u, null));
                    return u;
                });
    }

    /** App authentication and X's per-window rate limit, as x-rate-limit-* headers and 429. */
    private Optional<ResponseEntity<Map<String, Object>>> admit(HttpServletRequest request) {
        return admit(request, false);
    }

    /** The same; with {@code userTokenToo}, a user token ({@code user:<username>}) reads as well. */
    private Optional<ResponseEntity<Map<String, Object>>> admit(HttpServletRequest request, boolean userTokenToo) {
        String bearer = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        boolean user = userTokenToo && bearer != null && bearer.startsWith("user:") && bearer.length() > 5;
        if (!user && !BasicCredentials.same(bearer, appToken)) {
            return Optional.of(problem(401, "Unauthorized", "Unauthorized"));
        }
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            used = 0;
        }
        if (used >= requestsPerWindow) {
            return Optional.of(withLimits(ResponseEntity.status(429)).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("title", "Too Many Requests", "detail", "Too Many Requests", "type",
                            "about:blank", "status", 429)));
        }
        used++;
        return Optional.empty();
    }

    private ResponseEntity.BodyBuilder withLimits(ResponseEntity.BodyBuilder builder) {
        return builder.header("x-rate-limit-limit", Integer.toString(requestsPerWindow))
                .header("x-rate-limit-remaining", Integer.toString(Math.max(0, requestsPerWindow - used)))
                .header("x-rate-limit-reset", Long.toString(windowStart.plus(WINDOW).getEpochSecond()));
    }

    private static ResponseEntity<Map<String, Object>> problem(int status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "detail", detail, "type", "about:blank", "status", status));
    }
}
