package io.socialwire.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.socialwire.deadletter.DeadLetter;
import io.socialwire.deadletter.DeadLetterStore;
import io.socialwire.kafka.KafkaLagMetrics;
import io.socialwire.pacing.TargetCircuits;
import io.socialwire.receipts.Receipt;
import io.socialwire.state.HubInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/live}: what this instance does now, from the meters and stores that exist: interactions
 * dispatched and records written (totals and per second), each consumer group's lag, each target's circuit, the
 * dead letters, the replies waiting to be sent.
 */
@RestController
class LiveController {

    /** The DLQ is read whole: at most this often, however many consoles poll. */
    private static final Duration DLQ_REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final KafkaLagMetrics lag;
    private final TargetCircuits circuits;
    private final LoadingCache<Boolean, List<DeadLetter>> pendingDeadLetters;
    private final HubInstance instance;
    private final Clock clock;
    private final String repliesGroup;
    private final LiveRates rates = new LiveRates();

    LiveController(MeterRegistry meters, KafkaLagMetrics lag, TargetCircuits circuits, DeadLetterStore deadLetters,
                   HubInstance instance, Clock clock, @Value("${socialwire.dispatch.group-id}") String groupPrefix) {
        this.meters = meters;
        this.lag = lag;
        this.circuits = circuits;
        this.instance = instance;
        this.clock = clock;
        this.repliesGroup = groupPrefix + "-replies";
        this.pendingDeadLetters = Caffeine.newBuilder().expireAfterWrite(DLQ_REFRESH)
                .build(pending -> deadLetters.list(entry -> entry.replayedAt() == null));
    }

    @GetMapping(path = "/api/live", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> live() {
        Instant now = clock.instant();
        double in = meters.find("socialwire.interactions.dispatched").counters().stream()
                .mapToDouble(Counter::count).sum();
        double out = meters.find("socialwire.deliveries").counters().stream()
                .filter(c -> Receipt.RECORD_ACTIONS.contains(c.getId().getTag("outcome"))).mapToDouble(Counter::count).sum();
        LiveRates.Rates perSecond = rates.add(new LiveRates.Sample(now, in, out));
        Map<String, Long> lags = lag.lags();
        List<DeadLetter> pending = pendingDeadLetters.get(true);
        Map<String, Long> byTarget = new TreeMap<>();
        pending.forEach(entry -> byTarget.merge(String.valueOf(entry.target()), 1L, Long::sum));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", now);
        body.put("instance", instance.id());
        body.put("interactionsIn", Map.of("total", (long) in, "perSecond", perSecond.in()));
        body.put("recordsOut", Map.of("total", (long) out, "perSecond", perSecond.out()));
        body.put("consumerLag", lags);
        body.put("circuits", circuits.states());
        Map<String, Object> dlq = new LinkedHashMap<>();
        dlq.put("size", lag.dlqSize());
        dlq.put("pending", pending.size());
        dlq.put("byTarget", byTarget);
        body.put("dlq", dlq);
        body.put("repliesPending", lags.getOrDefault(repliesGroup, 0L));
        return body;
    }
}
