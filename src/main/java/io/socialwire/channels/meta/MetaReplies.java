package io.socialwire.channels.meta;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Reply;
import org.springframework.stereotype.Component;

/**
 * An answer as Meta's Graph API takes it (routes/kamelets/meta-reply-sink.kamelet.yaml), as the Page: a reply to a
 * Facebook comment or post ({@code POST /{id}/comments}), to an Instagram comment ({@code POST /{id}/replies}), or a
 * Send API message back to the person ({@code POST /me/messages}): a {@code RESPONSE} within 24 hours of their last
 * message, after that {@code MESSAGE_TAG} {@code HUMAN_AGENT} (up to 7 days), which Meta refuses beyond.
 */
@Component("metaReplies")
public class MetaReplies {

    /** Graph's error_subcode for a message outside the messaging window. */
    static final int OUTSIDE_WINDOW = 2018278;

    private final ObjectMapper json;

    MetaReplies(ObjectMapper json) {
        this.json = json;
    }

    public String path(Reply reply) {
        if (isMessage(reply)) {
            return "/me/messages";
        }
        return "instagram".equals(reply.to().channel()) ? "/" + reply.to().externalId() + "/replies"
                : "/" + reply.to().externalId() + "/comments";
    }

    /** The request body; {@code tagged}: the message goes as a human agent's, after the 24-hour window. */
    public String body(Reply reply, boolean tagged) throws JsonProcessingException {
        if (!isMessage(reply)) {
            return json.writeValueAsString(Map.of("message", reply.text()));
        }
        Map<String, Object> recipient = Map.of("id", reply.to().authorId());
        Map<String, Object> message = Map.of("text", reply.text());
        return json.writeValueAsString(tagged
                ? Map.of("recipient", recipient, "messaging_type", "MESSAGE_TAG", "tag", "HUMAN_AGENT",
                        "message", message)
                : Map.of("recipient", recipient, "messaging_type", "RESPONSE", "message", message));
    }

    /** Whether Meta refused a message for the 24-hour window (a tagged message may still go). */
    public boolean outsideWindow(String answer, Reply reply) throws JsonProcessingException {
        return isMessage(reply) && answer != null && !answer.isBlank()
                && json.readTree(answer).path("error").path("error_subcode").asInt() == OUTSIDE_WINDOW;
    }

    /** The posted answer's link: the comment on Facebook, or the id Meta gave it. */
    public String url(String answer, Reply reply) throws JsonProcessingException {
        JsonNode body = json.readTree(answer);
        if (isMessage(reply)) {
            return "message " + body.path("message_id").asText();
        }
        if ("instagram".equals(reply.to().channel())) {
            return "comment reply " + body.path("id").asText();
        }
        return "https://www.facebook.com/" + body.path("id").asText();
    }

    /** Where the Page's answers to the same object can be read back ({@code GET}), or null for a message. */
    public String answersPath(Reply reply) {
        return isMessage(reply) ? null : path(reply);
    }

    /**
     * Among the answers to the object (the body of {@code GET /{id}/comments} or {@code /replies}), the Page's own with
     * the same text: a link to it, or null.
     */
    public String found(String answers, Reply reply, String pageId) throws JsonProcessingException {
        for (JsonNode answer : json.readTree(answers).path("data")) {
            String text = answer.has("message") ? answer.path("message").asText() : answer.path("text").asText();
            if (pageId.equals(answer.path("from").path("id").asText()) && reply.text().equals(text)) {
                return url(json.writeValueAsString(java.util.Map.of("id", answer.path("id").asText())), reply);
            }
        }
        return null;
    }

    private static boolean isMessage(Reply reply) {
        return "direct_message".equals(reply.to().kind());
    }
}
