package io.socialwire.channels.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.Fixtures;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.WebhookRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaWebhookNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

    private final MetaWebhookNormalizer normalizer = new MetaWebhookNormalizer(new ObjectMapper());

    @Test
    void facebookCommentOnAPagePost() {
        SocialInteraction comment = single("fixtures/meta/page-feed-comment.json");

        assertThat(comment.id()).isEqualTo("facebook:2002_3003");
        assertThat(comment.channel()).isEqualTo("facebook");
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.externalId()).isEqualTo("2002_3003");
        assertThat(comment.conversationId()).isEqualTo("facebook:104512345678901_2002");
        assertThat(comment.inReplyToId()).isEqualTo("facebook:104512345678901_2002");
        assertThat(comment.url()).isEqualTo("https://www.facebook.com/104512345678901/posts/2002?comment_id=3003");
        assertThat(comment.createdAt()).isEqualTo(Instant.ofEpochSecond(1763800000));
        assertThat(comment.text()).isEqualTo("My order #4411 arrived broken and nobody answers. Terrible service!");
        assertThat(comment.author()).isEqualTo(new Author("7012345678901234", "Jane Doe", "Jane Doe",
                "https://www.facebook.com/7012345678901234", null, null));
        assertThat(comment.enrichment()).isNull();
    }

    @Test
    void facebookReplyToACommentStaysInThePostsConversation() {
        SocialInteraction reply = single("fixtures/meta/page-feed-reply.json");

        assertThat(reply.kind()).isEqualTo("reply");
        assertThat(reply.conversationId()).isEqualTo("facebook:104512345678901_2002");
        assertThat(reply.inReplyToId()).isEqualTo("facebook:2002_3003");
        assertThat(reply.text()).isEqualTo("Still waiting for an answer…");
    }

    @Test
    void facebookPostKeepsNonAsciiTextAndSkipsReactionsAndRemovals() {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes("fixtures/meta/page-feed-post.json"),
                RECEIVED);

        assertThat(all).hasSize(1);
        SocialInteraction post = all.get(0);
        assertThat(post.id()).isEqualTo("facebook:104512345678901_5005");
        assertThat(post.kind()).isEqualTo("post");
        assertThat(post.conversationId()).isEqualTo(post.id());
        assertThat(post.inReplyToId()).isNull();
        assertThat(post.url()).isEqualTo("https://www.facebook.com/104512345678901/posts/5005");
        assertThat(post.author().displayName()).isEqualTo("Lukas Müller");
        assertThat(post.text()).startsWith("Was kostet die Enterprise-Lizenz");
    }

    @Test
    void instagramCommentCarriesTheUsernameAndMediaConversation() {
        SocialInteraction comment = single("fixtures/meta/instagram-comment.json");

        assertThat(comment.id()).isEqualTo("instagram:17865799348089039");
        assertThat(comment.channel()).isEqualTo("instagram");
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.conversationId()).isEqualTo("instagram:17900000000000042");
        assertThat(comment.text()).isEqualTo("Where can I see the pricing for the pro plan? 😍");
        assertThat(comment.author().handle()).isEqualTo("sofia.reads");
        assertThat(comment.author().profileUrl()).isEqualTo("https://www.instagram.com/sofia.reads");
        assertThat(comment.createdAt()).isEqualTo(RECEIVED);
    }

    @Test
    void instagramMentionHasIdsButNoText() {
        SocialInteraction mention = single("fixtures/meta/instagram-mention.json");

        assertThat(mention.kind()).isEqualTo("mention");
        assertThat(mention.externalId()).isEqualTo("17894227972186120");
        assertThat(mention.id()).isEqualTo("instagram:mention-17894227972186120");
        assertThat(mention.conversationId()).isEqualTo("instagram:17918195224117851");
        assertThat(mention.text()).isNull();
    }

    @Test
    void messengerMessageSkipsEchoesAndDeliveryReceipts() {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes("fixtures/meta/messenger-message.json"),
                RECEIVED);

        assertThat(all).hasSize(1);
        SocialInteraction dm = all.get(0);
        assertThat(dm.id()).isEqualTo("messenger:m_AbCdEf123");
        assertThat(dm.channel()).isEqualTo("messenger");
        assertThat(dm.kind()).isEqualTo("direct_message");
        assertThat(dm.conversationId()).isEqualTo("messenger:dm-6543210987654321");
        assertThat(dm.author().id()).isEqualTo("6543210987654321");
        assertThat(dm.createdAt()).isEqualTo(Instant.ofEpochMilli(1763800000123L));
        assertThat(dm.text()).isEqualTo("Hi, I can't log in to my account since yesterday");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                   | {\"object\":                                         | body is not valid JSON",
        "empty body                 |                                                      | body is empty",
        "null body                  | null                                                 | must be a JSON object",
        "array body                 | []                                                   | must be a JSON object",
        "unknown object             | {\"object\":\"user\",\"entry\":[{}]}                 | not supported",
        "missing entry              | {\"object\":\"page\"}                                | $.entry is missing",
        "empty entry                | {\"object\":\"page\",\"entry\":[]}                   | $.entry is empty",
        "entry of wrong type        | {\"object\":\"page\",\"entry\":{}}                   | $.entry must be an array",
        "entry without changes      | {\"object\":\"page\",\"entry\":[{\"id\":\"1\"}]}     | neither changes nor messaging",
        "change without value       | {\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\"}]}]} | $.entry[0].changes[0].value is missing",
        "post_id missing            | {\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\"}}]}]} | value.post_id is missing",
        "message of wrong type      | {\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\",\"message\":{}}}]}]} | value.message must be a string",
        "comment without comment_id | {\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"add\",\"post_id\":\"1_2\"}}]}]} | value.comment_id is missing",
        "ig comment without media   | {\"object\":\"instagram\",\"entry\":[{\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"1\",\"text\":\"hi\",\"from\":{\"id\":\"2\"}}}]}]} | value.media is missing",
        "dm without sender          | {\"object\":\"page\",\"entry\":[{\"messaging\":[{\"message\":{\"mid\":\"m\",\"text\":\"hi\"}}]}]} | messaging[0].sender is missing",
        "time of wrong type         | {\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\",\"created_time\":true}}]}]} | created_time must be a time",
    })
    void malformedDeliveriesAreRefusedWithTheFieldNamed(String name, String body, String reason) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> normalizer.normalize(bytes, RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void oneBadChangeRefusesTheWholeBatch() {
        String batch = "{\"object\":\"page\",\"entry\":[{\"changes\":["
                + "{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\"}},"
                + "{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\"}}]}]}";

        assertThatThrownBy(() -> normalizer.normalize(batch.getBytes(StandardCharsets.UTF_8), RECEIVED))
                .hasMessageContaining("$.entry[0].changes[1].value.post_id is missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a byte UTF-8 never uses  | ff",
        "an overlong NUL          | c0 80",
        "an encoded surrogate     | ed a0 80",
        "a broken three-byte form | e2 28 a1",
    })
    void aDeliveryThatIsNotUtf8IsRefusedWithTheByteWhereItBreaks(String name, String hex) {
        byte[] before = "{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{"
                .concat("\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\",\"message\":\"bad ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] after = "\"}}]}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(bad, 0, body, before.length, bad.length);
        System.arraycopy(after, 0, body, before.length + bad.length, after.length);

        assertThatThrownBy(() -> normalizer.normalize(body, RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("body is not valid UTF-8 (byte " + before.length + ")");
                });
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithWhereItBreaks() {
        byte[] body = "{\"object\":\"page\",\n \"entry\": [}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> normalizer.normalize(body, RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("body is not valid JSON (line 2, column 12)"));
    }

    private SocialInteraction single(String fixture) {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes(fixture), RECEIVED);
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
