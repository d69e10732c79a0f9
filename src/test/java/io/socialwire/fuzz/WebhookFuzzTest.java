package io.socialwire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.bluesky.JetstreamNormalizer;
import io.socialwire.channels.generic.GenericWebhookNormalizer;
import io.socialwire.channels.generic.StandardWebhookVerifier;
import io.socialwire.channels.linkedin.LinkedInNormalizer;
import io.socialwire.channels.linkedin.LinkedInSignatures;
import io.socialwire.channels.meta.MetaSignatureVerifier;
import io.socialwire.channels.meta.MetaWebhookNormalizer;
import io.socialwire.channels.x.XActivityNormalizer;
import io.socialwire.channels.x.XWebhookSignatures;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * Whatever bytes arrive, a normalizer answers interactions or a 400 or 413 (WebhookRejectedException), and a signature
 * verifier accepts only what was signed with the secret and refuses everything else with a 401: never any other
 * exception, which would be a 500 and an unexplained refusal. {@code ./mvnw verify} replays the seed corpus in
 * {@code src/test/resources/io/socialwire/fuzz/WebhookFuzzTestInputs/}; a fuzzing run is one method at a time:
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=WebhookFuzzTest#metaNormalizer} (5 minutes each by default).
 */
class WebhookFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @FuzzTest
    void metaNormalizer(byte[] body) {
        normalizes(() -> new MetaWebhookNormalizer(JSON).normalize(body, NOW));
    }

    @FuzzTest
    void genericNormalizer(byte[] body) {
        normalizes(() -> new GenericWebhookNormalizer(JSON, 100).normalize(body, NOW));
    }

    @FuzzTest
    void xActivityNormalizer(byte[] body) {
        normalizes(() -> new XActivityNormalizer(JSON).normalize(body, NOW));
    }

    @FuzzTest
    void linkedInNormalizer(byte[] body) {
        normalizes(() -> new LinkedInNormalizer(JSON).normalize(body, NOW));
    }

    @FuzzTest
    void jetstreamNormalizer(byte[] event) {
        JsonNode node;
        try {
            node = JSON.readTree(event);
        } catch (Exception notJson) {
            return; // the WebSocket source drops frames that are not JSON before they reach the normalizer
        }
        if (node != null) {
            new JetstreamNormalizer(List.of("did:plc:acme")).normalize(node);
        }
    }

    @FuzzTest
    void signatureVerifiers(FuzzedDataProvider data) {
        String header = data.consumeString(200);
        String id = data.consumeString(40);
        String timestamp = data.consumeString(20);
        byte[] body = data.consumeRemainingAsBytes();

        refusedOrSigned(() -> new MetaSignatureVerifier("fuzz-secret").verify(header, body),
                new MetaSignatureVerifier("fuzz-secret").sign(body).equals(header));
        refusedOrSigned(() -> new XWebhookSignatures("fuzz-secret").verify(header, body),
                new XWebhookSignatures("fuzz-secret").sign(body).equals(header));
        refusedOrSigned(() -> new LinkedInSignatures("fuzz-secret").verify(header, body),
                new LinkedInSignatures("fuzz-secret").sign(body).equals(header));
        StandardWebhookVerifier standard = new StandardWebhookVerifier("whsec_ZnV6ei1zZWNyZXQtZnV6ei1zZWNyZXQ=",
                Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        refusedOrSigned(() -> standard.verify(id, timestamp, header, body), false);

        // and what was signed is accepted
        new MetaSignatureVerifier("fuzz-secret").verify(new MetaSignatureVerifier("fuzz-secret").sign(body), body);
        standard.verify("msg_1", Long.toString(NOW.getEpochSecond()),
                standard.sign("msg_1", NOW.getEpochSecond(), body), body);
    }

    private static void normalizes(java.util.function.Supplier<List<SocialInteraction>> normalize) {
        try {
            List<SocialInteraction> interactions = normalize.get();
            assertThat(interactions).allSatisfy(i -> {
                assertThat(i.id()).isNotBlank();
                assertThat(i.conversationId()).isNotBlank();
                assertThat(i.channel()).isNotBlank();
            });
        } catch (WebhookRejectedException refused) {
            assertThat(refused.status()).as("malformed, or more interactions than allowed").isIn(400, 413);
        }
    }

    private static void refusedOrSigned(Runnable verify, boolean signedWithTheSecret) {
        try {
            verify.run();
            assertThat(signedWithTheSecret).as("accepted without the secret's signature").isTrue();
        } catch (WebhookRejectedException refused) {
            assertThat(refused.status()).isEqualTo(401);
        }
    }
}
