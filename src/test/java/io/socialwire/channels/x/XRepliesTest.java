package io.socialwire.channels.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Reply;
import org.junit.jupiter.api.Test;

class XRepliesTest {

    private final XReplies x = new XReplies(new ObjectMapper());

    @Test
    void aMentionIsAnsweredWithAReplyThreadedUnderIt() throws Exception {
        Reply reply = reply("mention", "1900000000000000001");

        assertThat(x.path(reply)).isEqualTo("/2/tweets");
        assertThat(new ObjectMapper().readTree(x.body(reply))).isEqualTo(new ObjectMapper().readTree(
                "{\"text\":\"Sorry! Re-sent today.\",\"reply\":{\"in_reply_to_tweet_id\":\"1900000000000000001\"}}"));
        assertThat(x.url("{\"data\":{\"id\":\"1900000000000000009\",\"text\":\"Sorry! Re-sent today.\"}}", reply))
                .isEqualTo("https://x.com/i/web/status/1900000000000000009");
    }

    @Test
    void aDirectMessageIsAnsweredByADirectMessageToItsAuthor() throws Exception {
        Reply reply = reply("direct_message", "dm-5");

        assertThat(x.path(reply)).isEqualTo("/2/dm_conversations/with/77/messages");
        assertThat(new ObjectMapper().readTree(x.body(reply)))
                .isEqualTo(new ObjectMapper().readTree("{\"text\":\"Sorry! Re-sent today.\"}"));
        assertThat(x.url("{\"data\":{\"dm_conversation_id\":\"77-1000\",\"dm_event_id\":\"42\"}}", reply))
                .isEqualTo("direct message 42");
    }

    @Test
    void aReplyACrashLeftUnconfirmedIsFoundAmongTheBrandsPostsByWhatItAnswersAndItsText() throws Exception {
        Reply reply = reply("mention", "1900000000000000001");
        String timeline = "{\"data\":["
                + "{\"id\":\"9\",\"text\":\"Sorry! Re-sent today.\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"5\"}]},"
                + "{\"id\":\"8\",\"text\":\"Other answer\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"1900000000000000001\"}]},"
                + "{\"id\":\"7\",\"text\":\"Sorry! Re-sent today.\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"1900000000000000001\"}]}]}";

        assertThat(x.found(timeline, reply)).isEqualTo("https://x.com/i/web/status/7");
        assertThat(x.found("{\"meta\":{\"result_count\":0}}", reply)).isNull();
    }

    private static Reply reply(String kind, String id) {
        return new Reply("servicenow:j1", "servicenow", "incident", "sys1", "c1", "Sorry! Re-sent today.", "beth",
                Instant.parse("2026-12-03T10:00:00Z"), new ThreadRecord.ReplyTo("x", kind, id, "77", "ana", null));
    }
}
