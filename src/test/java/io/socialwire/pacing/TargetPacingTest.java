package io.socialwire.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TargetPacingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void retryAfterIsSecondsOrAnHttpDateAndTheRateLimitResetIsUnixSeconds() {
        assertThat(TargetPacing.retryAt("2", null, NOW)).isEqualTo(NOW.plusSeconds(2));
        assertThat(TargetPacing.retryAt("Sun, 22 Nov 2026 10:00:30 GMT", null, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(TargetPacing.retryAt(null, Long.toString(NOW.getEpochSecond() + 7), NOW))
                .isEqualTo(NOW.plusSeconds(7));
        assertThat(TargetPacing.retryAt("soon", "later", NOW)).isNull();
        assertThat(TargetPacing.retryAt(null, null, NOW)).isNull();
    }

    @Test
    void xsRateLimitResetHoldsTheNextCall() {
        TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(10));
        org.apache.camel.Exchange answer = new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext());
        answer.getMessage().setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 429);
        answer.getMessage().setHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 900));

        pacing.observe(answer, "x-replies");

        assertThatThrownBy(() -> pacing.await("x-replies")).isInstanceOf(TargetPausedException.class)
                .hasMessageContaining("x-replies asked for no calls until 2026-11-22T10:15:00Z");
    }

    @Test
    void aBlueskyPdssRateLimitResetHoldsTheNextCall() {
        TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(10));
        org.apache.camel.Exchange answer = new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext());
        answer.getMessage().setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 429);
        answer.getMessage().setHeader("RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 300));

        pacing.observe(answer, "bluesky-replies");

        assertThatThrownBy(() -> pacing.await("bluesky-replies")).isInstanceOf(TargetPausedException.class)
                .hasMessageContaining("bluesky-replies asked for no calls until 2026-11-22T10:05:00Z");
    }

    @Test
    void aWaitLongerThanTheMaximumFailsAsTransientInsteadOfBlockingTheConsumer() {
        TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(10));
        pacing.holdOff("servicenow", NOW.plusSeconds(3600));
        assertThatThrownBy(() -> pacing.await("servicenow")).isInstanceOf(TargetPausedException.class)
                .hasMessageContaining("servicenow asked for no calls until");
    }
}
