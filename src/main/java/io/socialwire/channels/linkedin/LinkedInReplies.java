package io.socialwire.channels.linkedin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Reply;
import org.springframework.stereotype.Component;

/**
 * An answer as LinkedIn's Community Management API takes it (routes/kamelets/linkedin-reply-sink.kamelet.yaml), as
 * the organization: a reply under the member's comment ({@code POST /rest/socialActions/{comment urn}/comments} with
 * {@code parentComment}), or a comment on the post that mentioned the organization.
 */
@Component("linkedInReplies")
public class LinkedInReplies {

    private final ObjectMapper json;

    LinkedInReplies(ObjectMapper json) {
        this.json = json;
    }

    public String path(Reply reply) {
        return "/rest/socialActions/" + URLEncoder.encode(reply.to().externalId(), StandardCharsets.UTF_8)
                + "/comments";
    }

    public String body(Reply reply, String organization) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actor", "urn:li:organization:" + organization);
        body.put("object", post(reply));
        body.put("message", Map.of("text", reply.text()));
        if (isComment(reply)) {
            body.put("parentComment", reply.to().externalId());
        }
        return json.writeValueAsString(body);
    }

    /** The post the answer is under, as a person opens it. */
    public String url(Reply reply) {
        return "https://www.linkedin.com/feed/update/" + post(reply);
    }

    /** The activity a comment is on ({@code urn:li:comment:(urn:li:activity:X,Y)}), or the post itself. */
    private static String post(Reply reply) {
        String id = reply.to().externalId();
        if (isComment(reply) && id.startsWith("urn:li:comment:(") && id.contains(",")) {
            return id.substring("urn:li:comment:(".length(), id.lastIndexOf(','));
        }
        return id;
    }

    private static boolean isComment(Reply reply) {
        return "comment".equals(reply.to().kind());
    }
}
