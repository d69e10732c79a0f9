package io.socialwire.channels.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.socialwire.webhook.WebhookRejectedException;
import org.junit.jupiter.api.Test;

class StandardWebhookVerifierTest {

    // the published Standard Webhooks / Svix test vector
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final StandardWebhookVerifier verifier = new StandardWebhookVerifier(SECRET, Duration.ofMinutes(5),
            Clock.fixed(Instant.ofEpochSecond(1614265330 + 60), ZoneOffset.UTC));

    @Test
    void matchesThePublishedVector() {
        assertThat(verifier.sign(ID, 1614265330L, BODY)).isEqualTo(SIGNATURE);
        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyMatchingEntryOfARotatedSignatureList() {
        String rotated = "v1,bm9ub25zZW5zZQ== v1a,ignored " + SIGNATURE;

        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, rotated, BODY)).doesNotThrowAnyException();
    }

    @Test
    void refusesTamperedBodiesOtherIdsAndWrongSecrets() {
        StandardWebhookVerifier otherSecret = new StandardWebhookVerifier("whsec_" + "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==",
                Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));

        assertRejected(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, "{\"test\": 1}".getBytes()), "does not match");
        assertRejected(() -> verifier.verify("msg_other", TIMESTAMP, SIGNATURE, BODY), "does not match");
        assertRejected(() -> otherSecret.verify(ID, TIMESTAMP, SIGNATURE, BODY), "does not match");
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, "v1a," + SIGNATURE.substring(3), BODY), "does not match");
    }

    @Test
    void refusesStaleFutureAndMalformedTimestamps() {
        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
        assertRejected(() -> verifier.verify(ID, Long.toString(1614265330 - 300), SIGNATURE, BODY), "window");
        assertRejected(() -> verifier.verify(ID, Long.toString(1614265330 + 60 + 301), SIGNATURE, BODY), "window");
        assertRejected(() -> verifier.verify(ID, "yesterday", SIGNATURE, BODY), "Unix time");
    }

    @Test
    void refusesMissingHeaders() {
        assertRejected(() -> verifier.verify(null, TIMESTAMP, SIGNATURE, BODY), "webhook-id");
        assertRejected(() -> verifier.verify(ID, null, SIGNATURE, BODY), "webhook-timestamp");
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, " ", BODY), "webhook-signature");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
