package io.socialwire.channels.linkedin;

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

class LinkedInWebhookTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

    private final LinkedInSignatures signatures = new LinkedInSignatures("test-client-secret");
    private final LinkedInNormalizer normalizer = new LinkedInNormalizer(new ObjectMapper());

    @Test
    void challengeResponseIsTheHexHmacOfTheCode() {
        // openssl dgst -sha256 -hmac test-client-secret over the challenge code, no newline
        assertThat(signatures.challengeResponse("f3b4c0c2-6a2b-4f0e-9d39-2f2b1d6b9c11"))
                .isEqualTo("de0c451a0a2664591ee8e8c5ddb9f0d23638c1b4de6a052fc7564fa74df64d0b");
    }

    @Test
    void signatureIsAcceptedWithOrWithoutItsPrefixAndRefusedWhenWrong() {
        byte[] body = Fixtures.bytes("fixtures/linkedin/social-actions.json");
        String hex = signatures.sign(body);

        assertThatCode(() -> signatures.verify(hex, body)).doesNotThrowAnyException();
        assertThatCode(() -> signatures.verify("hmacsha256=" + hex, body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> signatures.verify(hex, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> signatures.verify(null, body)).hasMessageContaining("missing X-LI-Signature");
    }

    @Test
    void commentsAndMentionsBecomeInteractionsAndLikesAreSkipped() {
        List<SocialInteraction> all = normalizer.normalize(Fixtures.bytes("fixtures/linkedin/social-actions.json"),
                RECEIVED);

        assertThat(all).hasSize(2);
        SocialInteraction comment = all.get(0);
        assertThat(comment.id())
                .isEqualTo("linkedin:urn:li:comment:(urn:li:activity:7012345678901234567,7012399999999999999)");
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.conversationId()).isEqualTo("linkedin:urn:li:share:7012345678901234567");
        assertThat(comment.url()).isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7012345678901234567");
        assertThat(comment.author().displayName()).isEqualTo("Élodie Martin");
        assertThat(comment.author().profileUrl()).isEqualTo("https://www.linkedin.com/in/elodie-martin");
        assertThat(comment.createdAt()).isEqualTo(Instant.ofEpochMilli(1763800000000L));
        assertThat(comment.text()).isEqualTo("Are you hiring data engineers in Lyon? I would love to apply.");
        SocialInteraction mention = all.get(1);
        assertThat(mention.kind()).isEqualTo("mention");
        assertThat(mention.conversationId()).isEqualTo("linkedin:urn:li:share:7012777777777777777");
        assertThat(mention.author().id()).isEqualTo("urn:li:person:ZzZ9");
    }

    @Test
    void malformedNotificationsNameTheField() {
        assertThatThrownBy(() -> normalizer.normalize("{\"notifications\":[]}".getBytes(), RECEIVED))
                .hasMessageContaining("$.notifications is empty");
        assertThatThrownBy(() -> normalizer.normalize(("{\"notifications\":[{\"action\":\"COMMENT\","
                + "\"generatedActivity\":\"urn:li:comment:1\"}]}").getBytes(), RECEIVED))
                .hasMessageContaining("text is missing");
    }
}
