package io.socialwire.channels.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Reply;
import org.junit.jupiter.api.Test;

class MetaRepliesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MetaReplies meta = new MetaReplies(json);

    @Test
    void aFacebookCommentIsAnsweredUnderItAsThePage() throws Exception {
        Reply reply = reply("facebook", "comment", "2002_3003");

        assertThat(meta.path(reply)).isEqualTo("/2002_3003/comments");
        assertThat(read(meta.body(reply, false))).isEqualTo(read("{\"message\":\"We re-sent it.\"}"));
        assertThat(meta.url("{\"id\":\"2002_3010\"}", reply)).isEqualTo("https://www.facebook.com/2002_3010");
    }

    @Test
    void anInstagramCommentIsAnsweredWithAReply() throws Exception {
        Reply reply = reply("instagram", "comment", "17890");

        assertThat(meta.path(reply)).isEqualTo("/17890/replies");
        assertThat(meta.url("{\"id\":\"17999\"}", reply)).isEqualTo("comment reply 17999");
    }

    @Test
    void aMessengerMessageIsAResponseWithinTheWindowAndAHumanAgentsMessageAfterIt() throws Exception {
        Reply reply = reply("messenger", "direct_message", "m_1");

        assertThat(meta.path(reply)).isEqualTo("/me/messages");
        assertThat(read(meta.body(reply, false))).isEqualTo(read("{\"recipient\":{\"id\":\"psid-7\"},"
                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"We re-sent it.\"}}"));
        assertThat(read(meta.body(reply, true))).isEqualTo(read("{\"recipient\":{\"id\":\"psid-7\"},"
                + "\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"We re-sent it.\"}}"));
        String closed = "{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\","
                + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2018278}}";
        assertThat(meta.outsideWindow(closed, reply)).isTrue();
        assertThat(meta.outsideWindow("{\"recipient_id\":\"psid-7\",\"message_id\":\"m_9\"}", reply)).isFalse();
        assertThat(meta.outsideWindow(closed, reply("facebook", "comment", "1_2"))).as("only messages").isFalse();
        assertThat(meta.url("{\"recipient_id\":\"psid-7\",\"message_id\":\"m_9\"}", reply)).isEqualTo("message m_9");
    }

    @Test
    void anAnswerACrashLeftUnconfirmedIsFoundAmongThePagesAnswersToTheSameComment() throws Exception {
        Reply reply = reply("facebook", "comment", "2002_3003");
        String answers = "{\"data\":[{\"id\":\"3003_8\",\"message\":\"We re-sent it.\",\"from\":{\"id\":\"77\"}},"
                + "{\"id\":\"3003_9\",\"message\":\"We re-sent it.\",\"from\":{\"id\":\"1000000000000001\"}}]}";

        assertThat(meta.answersPath(reply)).isEqualTo("/2002_3003/comments");
        assertThat(meta.found(answers, reply, "1000000000000001")).isEqualTo("https://www.facebook.com/3003_9");
        assertThat(meta.found("{\"data\":[]}", reply, "1000000000000001")).isNull();
        assertThat(meta.answersPath(reply("messenger", "direct_message", "m_1"))).isNull();
    }

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    private static Reply reply(String channel, String kind, String id) {
        return new Reply("servicenow:j1", "servicenow", "incident", "sys1", "c1", "We re-sent it.", "beth",
                Instant.parse("2026-12-03T10:00:00Z"), new ThreadRecord.ReplyTo(channel, kind, id, "psid-7", null, null));
    }
}
