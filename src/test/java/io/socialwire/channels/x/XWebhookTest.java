package io.socialwire.channels.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.Fixtures;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.WebhookRejectedException;
import org.junit.jupiter.api.Test;

class XWebhookTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

    private final XWebhookSignatures signatures = new XWebhookSignatures("test-consumer-secret");
    private final XActivityNormalizer normalizer = new XActivityNormalizer(new ObjectMapper());

    @Test
    void crcResponseIsTheBase64HmacOfTheToken() {
        // openssl dgst -sha256 -hmac test-consumer-secret -binary <<< crc-challenge-123 (no newline) | base64
        assertThat(signatures.crcResponse("crc-challenge-123"))
                .isEqualTo("sha256=wOwOUlmD/BeFmuEnqrRcX9w8t7K6YE3rMVmLi6+BAeA=");
    }

    @Test
    void deliverySignatureIsCheckedOverTheRawBytes() {
        byte[] body = Fixtures.bytes("fixtures/x/tweet-create-events.json");
        String good = signatures.sign(body);

        assertThatCode(() -> signatures.verify(good, body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> signatures.verify(good, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> signatures.verify(null, body)).hasMessageContaining("missing");
        assertThatThrownBy(() -> signatures.verify("sha256=!!", body)).hasMessageContaining("not base64");
    }

    @Test
    void tweetsBecomeMentionsAndRepliesAndTheAccountsOwnTweetsAreSkipped() {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes("fixtures/x/tweet-create-events.json"),
                RECEIVED);

        assertThat(all).hasSize(2);
        SocialInteraction mention = all.get(0);
        assertThat(mention.id()).isEqualTo("x:1050118621198921728");
        assertThat(mention.kind()).isEqualTo("mention");
        assertThat(mention.conversationId()).isEqualTo("x:1050118621198921728");
        assertThat(mention.text()).isEqualTo("@acme your app crashed again and I lost my whole order… fix it!");
        assertThat(mention.createdAt()).isEqualTo(Instant.parse("2018-10-10T20:19:24Z"));
        assertThat(mention.url()).isEqualTo("https://x.com/zoe_m/status/1050118621198921728");
        assertThat(mention.language()).isEqualTo("en");
        assertThat(mention.author().handle()).isEqualTo("zoe_m");
        assertThat(mention.author().displayName()).isEqualTo("Zoë Müller");
        assertThat(mention.author().followers()).isEqualTo(5120L);
        assertThat(mention.author().verified()).isFalse();
        SocialInteraction reply = all.get(1);
        assertThat(reply.kind()).isEqualTo("reply");
        assertThat(reply.text()).isEqualTo("@acme still broken this morning, and support has not answered my DM either");
        assertThat(reply.inReplyToId()).isEqualTo("x:1050118621198921800");
    }

    @Test
    void directMessagesFromOthersBecomeInteractionsWithTheSendersProfile() {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes("fixtures/x/direct-message-events.json"),
                RECEIVED);

        assertThat(all).singleElement().satisfies(dm -> {
            assertThat(dm.id()).isEqualTo("x:dm-954491830116155396");
            assertThat(dm.kind()).isEqualTo("direct_message");
            assertThat(dm.conversationId()).isEqualTo("x:dm-3001969357");
            assertThat(dm.createdAt()).isEqualTo(Instant.ofEpochMilli(1516403560557L));
            assertThat(dm.author().handle()).isEqualTo("jordan_buys");
            assertThat(dm.author().profileUrl()).isEqualTo("https://x.com/jordan_buys");
            assertThat(dm.text()).startsWith("Hi, what does the enterprise plan cost");
        });
    }

    @Test
    void malformedDeliveriesNameTheField() {
        assertRejected("{\"tweet_create_events\":[]}", "$.for_user_id is missing");
        assertRejected("{\"for_user_id\":\"1\",\"tweet_create_events\":[{\"id_str\":\"5\",\"text\":\"hi\"}]}",
                "$.tweet_create_events[0].user is missing");
        assertRejected("{\"for_user_id\":\"1\",\"tweet_create_events\":[{\"id_str\":\"5\",\"text\":\"hi\","
                + "\"created_at\":\"yesterday\",\"user\":{\"id_str\":\"2\",\"screen_name\":\"a\"}}]}",
                "created_at is not in X's date format");
        assertRejected("not json", "not valid JSON");
    }

    @Test
    void aDeletedPostBecomesADeleteEventNamingIt() {
        List<SocialInteraction> deletes = normalizer.normalize(("{\"for_user_id\":\"1000\",\"tweet_delete_events\":"
                + "[{\"status\":{\"id\":\"1790000000000000009\",\"user_id\":\"42\"},\"timestamp_ms\":\"1\"}]}")
                .getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(deletes).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(SocialInteraction.DELETE);
            assertThat(d.id()).isEqualTo("x:delete:1790000000000000009");
            assertThat(d.inReplyToId()).isEqualTo("x:1790000000000000009");
            assertThat(d.author().id()).isEqualTo("42");
            assertThat(d.text()).isNull();
        });
        assertRejected("{\"for_user_id\":\"1\",\"tweet_delete_events\":{\"status\":{}}}",
                "$.tweet_delete_events must be an array");
        assertRejected("{\"for_user_id\":\"1\",\"tweet_delete_events\":[{\"status\":{}}]}",
                "$.tweet_delete_events[0].status.id is missing");
    }

    @Test
    void eventsWithoutConversationsAreAcceptedAndIgnored() {
        assertThat(normalizer.normalize("{\"for_user_id\":\"1\",\"favorite_events\":[{}]}"
                .getBytes(StandardCharsets.UTF_8), RECEIVED)).isEmpty();
    }

    private void assertRejected(String body, String reason) {
        assertThatThrownBy(() -> normalizer.normalize(body.getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
