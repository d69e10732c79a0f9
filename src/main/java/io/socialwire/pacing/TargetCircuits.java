package io.socialwire.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.dispatch.Failures;
import io.socialwire.targets.Targets;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker per target, fed by every call the routes make (Camel's exchange-sent events). After
 * {@code failure-threshold} transient failures in a row (timeouts, resets, 5xx, 429) the circuit opens: no call to
 * that target leaves for {@code open-for}, doubled at each reopening up to {@code max-open-for}, through the same
 * hold as a rate limit ({@link TargetPacing}). The first call after the hold is the trial: success closes the
 * circuit, failure reopens it. A target refusing a record (a 4xx) is answering, so it does not count.
 */
@Component
public class TargetCircuits extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TargetCircuits.class);

    private final TargetPacing pacing;
    private final Clock clock;
    private final int threshold;
    private final Duration openFor;
    private final Duration maxOpenFor;
    private final MeterRegistry meters;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final Targets targets;
    private final Failures failures;
    /** Components that stay inside the hub: no target of theirs has a circuit. */
    private static final Set<String> INTERNAL = Set.of("direct", "kamelet", "kafka", "bean", "class", "log", "seda",
            "mock", "platform-http", "timer", "controlbus", "stub");

    /** When a circuit opened and until when it held calls back. */
    public record Opening(Instant at, Instant until) {
    }

    private static final class Circuit {
        int failures;
        int opened;
        final Deque<Opening> openings = new ArrayDeque<>();
    }

    public TargetCircuits(TargetPacing pacing, Clock clock, MeterRegistry meters, Targets targets, Failures failures,
                          @Value("${socialwire.circuits.failure-threshold:5}") int threshold,
                          @Value("${socialwire.circuits.open-for:5s}") Duration openFor,
                          @Value("${socialwire.circuits.max-open-for:60s}") Duration maxOpenFor) {
        this.pacing = pacing;
        this.clock = clock;
        this.targets = targets;
        this.failures = failures;
        this.meters = meters;
        this.threshold = threshold;
        this.openFor = openFor;
        this.maxOpenFor = maxOpenFor;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /** Camel reports a call as sent only to notifiers that took its sending event too. */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent || event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeSentEvent sent)) {
            return;
        }
        String target = target(sent.getEndpoint(), sent.getExchange());
        if (target == null) {
            return;
        }
        if (failedTransiently(sent.getExchange(), target)) {
            failed(target);
        } else {
            succeeded(target);
        }
    }

    /** A transient failure of a call to {@code target}; opens its circuit at the threshold. */
    public synchronized void failed(String target) {
        Circuit circuit = circuit(target);
        // half-open (the hold after an opening has ended): the trial call failed, so reopen at once
        if (++circuit.failures < threshold && circuit.opened == 0) {
            return;
        }
        long factor = 1L << Math.min(circuit.opened, 16);
        Duration open = openFor.multipliedBy(factor);
        open = open.compareTo(maxOpenFor) > 0 ? maxOpenFor : open;
        circuit.opened++;
        circuit.failures = 0;
        Instant now = clock.instant();
        pacing.holdOff(target, now.plus(open));
        circuit.openings.addLast(new Opening(now, now.plus(open)));
        if (circuit.openings.size() > 20) {
            circuit.openings.removeFirst();
        }
        if (circuit.opened == 1) {
            LOG.warn("Circuit to {} open for {} s after {} failures in a row", target, open.toSeconds(), threshold);
        } else {
            LOG.warn("Circuit to {} open again for {} s: the trial call failed", target, open.toSeconds());
        }
    }

    public synchronized void succeeded(String target) {
        Circuit circuit = circuits.get(target);
        if (circuit != null && (circuit.failures > 0 || circuit.opened > 0)) {
            if (circuit.opened > 0) {
                LOG.info("Circuit to {} closed", target);
            }
            circuit.failures = 0;
            circuit.opened = 0;
        }
    }

    /** True while the circuit of {@code target} is open (it has failed and is not called until its hold ends). */
    public synchronized boolean isOpen(String target) {
        Circuit circuit = circuits.get(target);
        return circuit != null && circuit.opened > 0 && pacing.isPaused(target);
    }

    /** The latest openings of the circuit of {@code target}, oldest first. */
    public synchronized List<Opening> openings(String target) {
        Circuit circuit = circuits.get(target);
        return circuit == null ? List.of() : List.copyOf(circuit.openings);
    }

    private Circuit circuit(String target) {
        return circuits.computeIfAbsent(target, t -> {
            Gauge.builder("socialwire.target.circuit.open", () -> isOpen(t) ? 1 : 0)
                    .description("1 while the circuit to the target is open").tag("target", t).register(meters);
            return new Circuit();
        });
    }

    /**
     * The system a call went to: the one the calling route names (its {@code target} property, a system of record or
     * an HTTP target), else the component's own (a {@code salesforce:} call of the identity lookups). Calls inside
     * the hub (routes, Kafka, beans) are none.
     */
    private String target(Endpoint endpoint, Exchange exchange) {
        String scheme = endpoint.getEndpointUri().replaceFirst(":.*", "");
        if (INTERNAL.contains(scheme)) {
            return null;
        }
        String target = exchange.getProperty(DeadLetters.TARGET_PROPERTY, String.class);
        String system = targets.systemOf(target != null ? target : scheme);
        return system != null ? system : target;
    }

    private boolean failedTransiently(Exchange exchange, String target) {
        Exception failure = exchange.getException();
        if (failure != null) {
            return !failures.isPermanentFailure(failure, target);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status != null && Failures.isRetryableStatus(status);
    }
}
