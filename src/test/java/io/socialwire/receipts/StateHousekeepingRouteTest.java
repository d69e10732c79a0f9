package io.socialwire.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.state.HubState;
import io.socialwire.state.StateTopology;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/common/state-housekeeping.camel.yaml: every socialwire.state.housekeeping-interval (and not at start-up) the
 * receipts and traces older than their retention are removed from this instance's share of the store.
 */
class StateHousekeepingRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final HubState state = mock(HubState.class);
    private CamelContext camel;

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theTimerWaitsAndRepeatsTheHousekeepingInterval() throws Exception {
        start("1h");

        TimerEndpoint timer = (TimerEndpoint) camel.getRoute("expire-receipts").getEndpoint();
        assertThat(timer.getDelay()).isEqualTo(TimeUnit.HOURS.toMillis(1));
        assertThat(timer.getPeriod()).isEqualTo(TimeUnit.HOURS.toMillis(1));
    }

    @Test
    void eachTickRemovesTheReceiptsOlderThanTheirRetention() throws Exception {
        start("20");
        NotifyBuilder ticked = new NotifyBuilder(camel).fromRoute("expire-receipts").whenDone(1).create();

        assertThat(ticked.matches(10, TimeUnit.SECONDS)).isTrue();
        verify(state, atLeastOnce()).removeOlderThan(StateTopology.RECEIPTS, NOW.minus(Duration.ofDays(30)));
        verify(state, atLeastOnce()).removeOlderThan(StateTopology.TRACES, NOW.minus(Duration.ofDays(30)));
    }

    private void start(String interval) throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.state.housekeeping-interval", interval));
        camel.getRegistry().bind("receipts", new Receipts(state, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30)));
        camel.getRegistry().bind("traces", new io.socialwire.trace.Traces(state, new ObjectMapper(),
                Clock.fixed(NOW, ZoneOffset.UTC), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                Duration.ofDays(30)));
        YamlRoutes.load(camel, "routes/common/state-housekeeping.camel.yaml");
        camel.start();
    }
}
