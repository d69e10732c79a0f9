package io.socialwire.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.deadletter.DeadLetter;
import io.socialwire.deadletter.DeadLetterStore;
import io.socialwire.kafka.KafkaLagMetrics;
import io.socialwire.pacing.TargetCircuits;
import io.socialwire.state.HubInstance;
import org.junit.jupiter.api.Test;

/**
 * GET /api/live from the meters and stores that exist: totals and rates of interactions dispatched and records
 * written (dead letters are not records), lag by group, circuits, pending dead letters by target (read at most
 * every 10 s), replies waiting (the replies group's lag).
 */
class LiveControllerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaLagMetrics lag = mock(KafkaLagMetrics.class);
    private final TargetCircuits circuits = mock(TargetCircuits.class);
    private final DeadLetterStore deadLetters = mock(DeadLetterStore.class);
    private final HubInstance instance = mock(HubInstance.class);
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    @SuppressWarnings("unchecked")
    void showsTotalsRatesLagCircuitsDeadLettersAndRepliesWaiting() {
        when(instance.id()).thenReturn("hub-a");
        when(lag.lags()).thenReturn(Map.of("socialwire-dispatch", 3L, "socialwire-dispatch-replies", 2L));
        when(lag.dlqSize()).thenReturn(4L);
        when(circuits.states()).thenReturn(Map.of("servicenow", "OPEN", "salesforce", "CLOSED"));
        List<DeadLetter> all = List.of(dead("x:1", "servicenow", null), dead("x:2", "servicenow", null),
                dead("x:3", "salesforce", null), dead("x:4", "servicenow", Instant.parse("2026-12-03T09:00:00Z")));
        when(deadLetters.list(any())).thenAnswer(call -> all.stream()
                .filter(call.<Predicate<DeadLetter>>getArgument(0)).toList());
        LiveController live = new LiveController(meters, lag, circuits, deadLetters, instance, clock,
                "socialwire-dispatch");
        meters.counter("socialwire.interactions.dispatched").increment(10);
        meters.counter("socialwire.deliveries", "outcome", "created", "target", "servicenow").increment(6);
        meters.counter("socialwire.deliveries", "outcome", "dead_lettered", "target", "servicenow").increment(3);

        Map<String, Object> first = live.live();
        now = now.plusSeconds(4);
        meters.counter("socialwire.interactions.dispatched").increment(20);
        meters.counter("socialwire.deliveries", "outcome", "commented", "target", "servicenow").increment(8);
        Map<String, Object> second = live.live();

        assertThat(first.get("interactionsIn")).isEqualTo(Map.of("total", 10L, "perSecond", 0.0));
        assertThat(second.get("at")).isEqualTo(Instant.parse("2026-12-03T10:00:04Z"));
        assertThat(second.get("instance")).isEqualTo("hub-a");
        assertThat(second.get("interactionsIn")).isEqualTo(Map.of("total", 30L, "perSecond", 5.0));
        assertThat(second.get("recordsOut")).isEqualTo(Map.of("total", 14L, "perSecond", 2.0));
        assertThat(second.get("consumerLag")).isEqualTo(Map.of("socialwire-dispatch", 3L,
                "socialwire-dispatch-replies", 2L));
        assertThat(second.get("circuits")).isEqualTo(Map.of("servicenow", "OPEN", "salesforce", "CLOSED"));
        assertThat(second.get("dlq")).isEqualTo(Map.of("size", 4L, "pending", 3,
                "byTarget", Map.of("servicenow", 2L, "salesforce", 1L)));
        assertThat(second.get("repliesPending")).isEqualTo(2L);
        verify(deadLetters, times(1)).list(any());
    }

    private static DeadLetter dead(String id, String target, Instant replayedAt) {
        return new DeadLetter(1, id, target, "HTTP 503", 3, Instant.parse("2026-12-03T08:00:00Z"), "0@1", replayedAt);
    }
}
