package io.socialwire.targets.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SalesforceLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void salesforceNearItsDailyLimitIsHeldOffAndFarFromItIsNot() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TargetPacing pacing = new TargetPacing(clock, Duration.ofSeconds(30));
        SalesforceLimits limits = new SalesforceLimits(pacing, clock, 0.9, Duration.ofSeconds(1));
        limits.observe(limitInfo("api-usage=100/15000"));
        assertThat(pacing.pausedUntil("salesforce")).isNull();
        limits.observe(limitInfo("api-usage=13600/15000; api-bursts=1/750"));
        assertThat(pacing.pausedUntil("salesforce")).isEqualTo(NOW.plusSeconds(1));
    }

    private static Exchange limitInfo(String value) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("Sforce-Limit-Info", value);
        return exchange;
    }
}
