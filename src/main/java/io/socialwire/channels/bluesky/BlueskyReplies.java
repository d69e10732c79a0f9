package io.socialwire.channels.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Reply;
import org.springframework.stereotype.Component;

/**
 * An answer as a Bluesky PDS takes it (routes/kamelets/bluesky-reply-sink.kamelet.yaml), as the brand's account: a
 * post ({@code com.atproto.repo.createRecord}, {@code app.bsky.feed.post}) threaded under the post it answers, whose
 * {@code reply.parent} is that post and {@code reply.root} the root of its thread, both as {@code {uri, cid}}.
 */
@Component("blueskyReplies")
public class BlueskyReplies {

    static final String POST = "app.bsky.feed.post";
    /** app.bsky.feed.post's text: at most 300 graphemes and 3000 bytes of UTF-8 (the lexicon's limits). */
    static final int MAX_GRAPHEMES = 300;
    static final int MAX_BYTES = 3000;
    private static final Pattern POST_URI = Pattern.compile("at://([^/]+)/" + Pattern.quote(POST) + "/([^/?#]+)");
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private final ObjectMapper json;
    private final Clock clock;

    BlueskyReplies(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Why the answer cannot go to Bluesky, known before any call (longer than a post may be, or not answering a
     * post), or null. A long answer is never cut: the agent shortens it.
     */
    public String refusal(Reply reply) {
        if (!POST_URI.matcher(reply.to().externalId()).matches()) {
            return "it answers " + reply.to().externalId() + ", which is not a Bluesky post (at://<did>/" + POST
                    + "/<rkey>)";
        }
        long graphemes = GRAPHEME.matcher(reply.text()).results().count();
        if (graphemes > MAX_GRAPHEMES) {
            return "the answer is " + graphemes + " characters long; a Bluesky post takes at most " + MAX_GRAPHEMES
                    + " (shorten it and answer again)";
        }
        int bytes = reply.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "the answer is " + bytes + " bytes long; a Bluesky post takes at most " + MAX_BYTES
                    + " (shorten it and answer again)";
        }
        return null;
    }

    /** The query of {@code com.atproto.repo.getRecord} for the post the answer replies to. */
    public String recordQuery(Reply reply) {
        Matcher uri = postUri(reply.to().externalId());
        return "repo=" + encode(uri.group(1)) + "&collection=" + POST + "&rkey=" + encode(uri.group(2));
    }

    /** The body of {@code com.atproto.server.createSession}. */
    public String sessionRequest(String identifier, String appPassword) throws JsonProcessingException {
        return json.writeValueAsString(Map.of("identifier", identifier, "password", appPassword));
    }

    /**
     * The body of {@code com.atproto.repo.createRecord}: the answer as a post in the brand's repository
     * ({@code repo}, its DID), threaded under {@code post} (the getRecord answer: its uri and cid are the parent, its
     * own {@code reply.root} the root, or itself when it starts the thread).
     */
    public String body(String post, Reply reply, String repo) throws JsonProcessingException {
        JsonNode answered = json.readTree(post);
        Map<String, String> parent = Map.of("uri", answered.path("uri").asText(), "cid", answered.path("cid").asText());
        JsonNode root = answered.path("value").path("reply").path("root");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", POST);
        record.put("text", reply.text());
        record.put("createdAt", clock.instant().toString());
        record.put("reply", Map.of("root", root.hasNonNull("uri") && root.hasNonNull("cid")
                ? Map.of("uri", root.path("uri").asText(), "cid", root.path("cid").asText()) : parent,
                "parent", parent));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", repo);
        body.put("collection", POST);
        body.put("record", record);
        return json.writeValueAsString(body);
    }

    /** The posted answer's link ({@code createRecord}'s answer has its at:// uri). */
    public String url(String answer) throws JsonProcessingException {
        return link(json.readTree(answer).path("uri").asText());
    }

    /** Whether the PDS refused the session's token (expired, or no longer valid): log in again, once. */
    public boolean expired(Integer status, String answer) {
        if (status == null || status != 400 && status != 401) {
            return false;
        }
        if (status == 401) {
            return true;
        }
        try {
            return answer != null && "ExpiredToken".equals(json.readTree(answer).path("error").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Among the brand's newest posts (the body of {@code com.atproto.repo.listRecords}), its reply to the same post
     * with the same text: the link to it, or null.
     */
    public String found(String records, Reply reply) throws JsonProcessingException {
        for (JsonNode record : json.readTree(records).path("records")) {
            JsonNode value = record.path("value");
            if (reply.to().externalId().equals(value.path("reply").path("parent").path("uri").asText())
                    && reply.text().equals(value.path("text").asText())) {
                return link(record.path("uri").asText());
            }
        }
        return null;
    }

    /** A post as a person opens it: https://bsky.app/profile/{did}/post/{rkey}. */
    static String link(String uri) {
        Matcher post = postUri(uri);
        return "https://bsky.app/profile/" + post.group(1) + "/post/" + post.group(2);
    }

    private static Matcher postUri(String uri) {
        Matcher matcher = POST_URI.matcher(uri);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a Bluesky post's at:// uri: " + uri);
        }
        return matcher;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
