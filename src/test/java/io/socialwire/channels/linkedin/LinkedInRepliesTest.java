package io.socialwire.channels.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Reply;
import org.junit.jupiter.api.Test;

class LinkedInRepliesTest {

    private static final String COMMENT = "urn:li:comment:(urn:li:activity:7012345678901234567,7012399999999999999)";
    private final ObjectMapper json = new ObjectMapper();
    private final LinkedInReplies linkedin = new LinkedInReplies(json);

    @Test
    void aMembersCommentIsAnsweredUnderItAsTheOrganization() throws Exception {
        Reply reply = reply("comment", COMMENT);

        assertThat(linkedin.path(reply)).isEqualTo("/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity"
                + "%3A7012345678901234567%2C7012399999999999999%29/comments");
        assertThat(json.readTree(linkedin.body(reply, "2414183"))).isEqualTo(json.readTree("{\"actor\":"
                + "\"urn:li:organization:2414183\",\"object\":\"urn:li:activity:7012345678901234567\",\"message\":"
                + "{\"text\":\"Yes, we are hiring!\"},\"parentComment\":\"" + COMMENT + "\"}"));
        assertThat(linkedin.url(reply)).isEqualTo("https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567");
    }

    @Test
    void aMentionIsAnsweredWithACommentOnThePost() throws Exception {
        Reply reply = reply("mention", "urn:li:share:7012777777777777777");

        assertThat(json.readTree(linkedin.body(reply, "2414183")).has("parentComment")).isFalse();
        assertThat(json.readTree(linkedin.body(reply, "2414183")).path("object").asText())
                .isEqualTo("urn:li:share:7012777777777777777");
    }

    private static Reply reply(String kind, String id) {
        return new Reply("servicenow:j1", "servicenow", "sn_hr_core_case", "sys1", "c1", "Yes, we are hiring!", "beth",
                Instant.parse("2026-12-03T10:00:00Z"), new ThreadRecord.ReplyTo("linkedin", kind, id, "urn:li:person:A",
                "elodie", "linkedin:" + id));
    }
}
