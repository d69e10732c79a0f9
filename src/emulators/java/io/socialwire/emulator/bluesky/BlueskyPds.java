package io.socialwire.emulator.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Bluesky PDS knows, as the brand's account uses it: the brand's sessions, the posts seen on the network (the
 * Jetstream emulator's events: created, or deleted), and the brand's own posts. A post it has not seen is answered as
 * an empty post, since the posts a reply answers were made on the network. In memory only.
 */
public class BlueskyPds {

    static final String POST = "app.bsky.feed.post";
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

    /** An AT Protocol error: its HTTP status, and {@code {error, message}}. */
    static final class XrpcError extends RuntimeException {
        final int status;
        final String error;

        XrpcError(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }

    private final ObjectMapper json;
    private final Clock clock;
    private final String did;
    private final String handle;
    private final String appPassword;
    private final Duration sessionTtl;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    /** Every post by uri ({uri, cid, value}), in the order seen or created. */
    private final Map<String, JsonNode> posts = new LinkedHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private long lastMicros;

    BlueskyPds(ObjectMapper json, Clock clock, String did, String handle, String appPassword, Duration sessionTtl) {
        this.json = json;
        this.clock = clock;
        this.did = did;
        this.handle = handle;
        this.appPassword = appPassword;
        this.sessionTtl = sessionTtl;
    }

    /** {@code com.atproto.server.createSession}: the brand's handle or DID, and its app password. */
    ObjectNode createSession(JsonNode input) {
        String identifier = required(input, "identifier");
        String password = required(input, "password");
        if (!(identifier.equalsIgnoreCase(handle) || identifier.equals(did)) || !password.equals(appPassword)) {
            throw new XrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        String accessJwt = "emulated-access." + UUID.randomUUID();
        sessions.put(accessJwt, clock.instant().plus(sessionTtl));
        ObjectNode session = json.createObjectNode();
        session.put("accessJwt", accessJwt);
        session.put("refreshJwt", "emulated-refresh." + UUID.randomUUID());
        session.put("handle", handle);
        session.put("did", did);
        session.put("active", true);
        return session;
    }

    /** The brand's sessions end, as a PDS's access tokens do after two hours: the next call hears ExpiredToken. */
    public void expireSessions() {
        sessions.replaceAll((token, until) -> clock.instant().minusSeconds(1));
    }

    /** {@code com.atproto.repo.getRecord} of a post. */
    synchronized JsonNode getRecord(String repo, String collection, String rkey) {
        if (repo == null || collection == null || rkey == null) {
            throw new XrpcError(400, "InvalidRequest", "Error: Params must have the properties \"repo\", "
                    + "\"collection\" and \"rkey\"");
        }
        String uri = "at://" + (repo.equalsIgnoreCase(handle) ? did : repo) + "/" + collection + "/" + rkey;
        if (deleted.contains(uri) || !POST.equals(collection)) {
            throw new XrpcError(400, "RecordNotFound", "Could not locate record: " + uri);
        }
        JsonNode known = posts.get(uri);
        if (known != null) {
            return known;
        }
        ObjectNode value = json.createObjectNode();
        value.put("$type", POST);
        value.put("text", "");
        value.put("createdAt", clock.instant().toString());
        return entry(uri, value);
    }

    /** {@code com.atproto.repo.createRecord} of a post in the brand's repository; the session is the bearer token. */
    synchronized ObjectNode createRecord(String authorization, JsonNode input) {
        authorize(authorization);
        String repo = required(input, "repo");
        if (!repo.equals(did) && !repo.equalsIgnoreCase(handle)) {
            throw new XrpcError(401, "AuthenticationRequired", "Authentication Required");
        }
        if (!POST.equals(required(input, "collection"))) {
            throw new XrpcError(400, "InvalidRequest", "Invalid collection: this emulator takes " + POST);
        }
        JsonNode record = input.path("record");
        validate(record);
        String rkey = nextTid();
        String uri = "at://" + did + "/" + POST + "/" + rkey;
        JsonNode created = entry(uri, record.deepCopy());
        posts.put(uri, created);
        ObjectNode answer = json.createObjectNode();
        answer.put("uri", uri);
        answer.put("cid", created.path("cid").asText());
        answer.putObject("commit").put("cid", cid("commit:" + uri)).put("rev", rkey);
        answer.put("validationStatus", "valid");
        return answer;
    }

    /** {@code com.atproto.repo.listRecords} of a repository's posts, newest first (as the PDS lists them). */
    synchronized ObjectNode listRecords(String repo, String collection, int limit) {
        if (repo == null || collection == null) {
            throw new XrpcError(400, "InvalidRequest", "Error: Params must have the properties \"repo\" and "
                    + "\"collection\"");
        }
        String prefix = "at://" + (repo.equalsIgnoreCase(handle) ? did : repo) + "/" + collection + "/";
        List<JsonNode> newestFirst = new ArrayList<>();
        for (Map.Entry<String, JsonNode> post : posts.entrySet()) {
            if (post.getKey().startsWith(prefix) && !deleted.contains(post.getKey())) {
                newestFirst.add(0, post.getValue());
            }
        }
        ObjectNode answer = json.createObjectNode();
        answer.putArray("records").addAll(newestFirst.subList(0, Math.min(Math.max(1, Math.min(limit, 100)),
                newestFirst.size())));
        return answer;
    }

    /** A Jetstream event the network saw: a post created (kept as it was) or deleted. */
    synchronized void saw(JsonNode event) {
        JsonNode commit = event.path("commit");
        if (!"commit".equals(event.path("kind").asText()) || !POST.equals(commit.path("collection").asText())) {
            return;
        }
        String uri = "at://" + event.path("did").asText() + "/" + POST + "/" + commit.path("rkey").asText();
        switch (commit.path("operation").asText()) {
            case "create" -> {
                ObjectNode post = json.createObjectNode();
                post.put("uri", uri);
                post.put("cid", commit.hasNonNull("cid") ? commit.path("cid").asText() : cid(uri));
                post.set("value", commit.path("record"));
                posts.put(uri, post);
                deleted.remove(uri);
            }
            case "delete" -> deleted.add(uri);
            default -> {
                // updates of a post do not change what a reply needs of it
            }
        }
    }

    /** The Jetstream event of a post the brand created, as the network relays it. */
    ObjectNode createdEvent(ObjectNode created) {
        String uri = created.path("uri").asText();
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        ObjectNode event = json.createObjectNode();
        event.put("did", did);
        event.put("kind", "commit");
        ObjectNode commit = event.putObject("commit");
        commit.put("rev", rkey);
        commit.put("operation", "create");
        commit.put("collection", POST);
        commit.put("rkey", rkey);
        synchronized (this) {
            commit.set("record", posts.get(uri).path("value").deepCopy());
        }
        commit.put("cid", created.path("cid").asText());
        return event;
    }

    private void authorize(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new XrpcError(401, "AuthenticationRequired", "Authentication Required");
        }
        Instant until = sessions.get(authorization.substring("Bearer ".length()).trim());
        if (until == null) {
            throw new XrpcError(401, "InvalidToken", "Token could not be verified");
        }
        if (!clock.instant().isBefore(until)) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
    }

    /** app.bsky.feed.post's lexicon, the parts a reply touches. */
    private void validate(JsonNode record) {
        if (!record.isObject()) {
            throw invalid("Record must be an object");
        }
        if (!record.path("text").isTextual()) {
            throw invalid("Record must have the property \"text\"");
        }
        String text = record.path("text").asText();
        if (GRAPHEME.matcher(text).results().count() > 300) {
            throw invalid("Record/text must not be longer than 300 graphemes");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > 3000) {
            throw invalid("Record/text must not be longer than 3000 characters");
        }
        if (!record.path("createdAt").isTextual()) {
            throw invalid("Record must have the property \"createdAt\"");
        }
        if (record.has("reply")) {
            for (String ref : List.of("root", "parent")) {
                JsonNode strongRef = record.path("reply").path(ref);
                for (String field : List.of("uri", "cid")) {
                    if (!strongRef.path(field).isTextual() || strongRef.path(field).asText().isBlank()) {
                        throw invalid("Record/reply/" + ref + " must have the property \"" + field + "\"");
                    }
                }
            }
        }
    }

    private static XrpcError invalid(String detail) {
        return new XrpcError(400, "InvalidRequest", "Invalid " + POST + " record: " + detail);
    }

    private ObjectNode entry(String uri, JsonNode value) {
        ObjectNode entry = json.createObjectNode();
        entry.put("uri", uri);
        entry.put("cid", cid(uri + value));
        entry.set("value", value);
        return entry;
    }

    private static String required(JsonNode input, String field) {
        if (!input.path(field).isTextual() || input.path(field).asText().isEmpty()) {
            throw new XrpcError(400, "InvalidRequest", "Input must have the property \"" + field + "\"");
        }
        return input.path(field).asText();
    }

    /** A CID-looking content id (base32 of a SHA-256, as dag-cbor CIDs are spelled). */
    private static String cid(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "bafyrei" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z2-7]", "a");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record key as the PDS makes them: a TID, 13 sortable base32 characters of microseconds and a clock id. */
    private String nextTid() {
        long micros = Math.max(clock.instant().toEpochMilli() * 1000, lastMicros + 1);
        lastMicros = micros;
        long value = micros << 10;
        char[] tid = new char[13];
        for (int i = 12; i >= 0; i--) {
            tid[i] = TID_ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(tid);
    }
}
