package io.socialwire.channels.x;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Reply;
import org.springframework.stereotype.Component;

/**
 * An answer as X's API v2 takes it (routes/kamelets/x-reply-sink.kamelet.yaml): a direct message back to its
 * author, or a reply threaded under the post it answers.
 */
@Component("xReplies")
public class XReplies {

    private final ObjectMapper json;

    XReplies(ObjectMapper json) {
        this.json = json;
    }

    public String path(Reply reply) {
        return isDirectMessage(reply) ? "/2/dm_conversations/with/" + reply.to().authorId() + "/messages"
                : "/2/tweets";
    }

    public String body(Reply reply) throws JsonProcessingException {
        return json.writeValueAsString(isDirectMessage(reply) ? Map.of("text", reply.text())
                : Map.of("text", reply.text(), "reply", Map.of("in_reply_to_tweet_id", reply.to().externalId())));
    }

    /** The posted reply's link (a direct message has none a person can open: its event id). */
    public String url(String answer, Reply reply) throws JsonProcessingException {
        JsonNode data = json.readTree(answer).path("data");
        if (isDirectMessage(reply)) {
            return "direct message " + data.path("dm_event_id").asText();
        }
        return "https://x.com/i/web/status/" + data.path("id").asText();
    }

    /**
     * Among the brand's posts (the body, {@code GET /2/users/{id}/tweets}), its reply to the same post with the same
     * text: the link to it, or null.
     */
    public String found(String timeline, Reply reply) throws JsonProcessingException {
        for (JsonNode tweet : json.readTree(timeline).path("data")) {
            boolean answersIt = false;
            for (JsonNode referenced : tweet.path("referenced_tweets")) {
                answersIt |= "replied_to".equals(referenced.path("type").asText())
                        && reply.to().externalId().equals(referenced.path("id").asText());
            }
            if (answersIt && reply.text().equals(tweet.path("text").asText())) {
                return "https://x.com/i/web/status/" + tweet.path("id").asText();
            }
        }
        return null;
    }

    private static boolean isDirectMessage(Reply reply) {
        return "direct_message".equals(reply.to().kind());
    }
}
