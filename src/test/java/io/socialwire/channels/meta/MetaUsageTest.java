package io.socialwire.channels.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class MetaUsageTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final TargetPacing pacing = new TargetPacing(clock, Duration.ofSeconds(30));
    private final MetaUsage usage = new MetaUsage(pacing, new ObjectMapper(), clock);

    @Test
    void usageWellBelowTheLimitsHoldsNothing() {
        assertThat(usage.holdFor("{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}", null, null)).isEmpty();
        assertThat(usage.holdFor(null, null, null)).isEmpty();
    }

    @Test
    void theBusinessUseCaseEstimateIsHowLongToWait() {
        String business = "{\"1234\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":25,\"total_time\":25,"
                + "\"estimated_time_to_regain_access\":19}]}";

        assertThat(usage.holdFor("{\"call_count\":10}", null, business)).contains(Duration.ofMinutes(19));
    }

    @Test
    void aUsageNearItsLimitWithoutAnEstimateHoldsAMinute() {
        assertThat(usage.holdFor(null, "{\"call_count\":12,\"total_cputime\":96,\"total_time\":40}", null))
                .contains(MetaUsage.WITHOUT_ESTIMATE);
    }

    @Test
    void anUnreadableHeaderHoldsNothingAndFailsNothing() {
        assertThat(usage.holdFor("not json", "[1,2]", "{\"1\":\"x\"}")).isEmpty();
    }

    @Test
    void observingAThrottledAnswerPausesTheTarget() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("X-App-Usage", "{\"call_count\":100,\"total_time\":3,\"total_cputime\":3}");

        usage.observe(exchange, "meta-replies");

        assertThat(pacing.isPaused("meta-replies")).isTrue();
        assertThat(pacing.pausedUntil("meta-replies")).isEqualTo(clock.instant().plus(MetaUsage.WITHOUT_ESTIMATE));
        assertThat(pacing.isPaused("x-replies")).isFalse();
    }
}
