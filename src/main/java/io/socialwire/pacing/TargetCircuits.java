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
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
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
 * A circuit breaker per target (resilience4j), fed by every call the routes make (Camel's exchange-sent events).
 * After {@code failure-threshold} transient failures in a row (timeouts, resets, 5xx, 429) the circuit opens: no call
 * to that target leaves for {@code open-for}, doubled at each reopening up to {@code max-open-for}, through the same
 * hold as a rate limit ({@link TargetPacing}), which the kamelets and batch routes wait for. The first call after the
 * hold is the trial: success closes the circuit, failure reopens it. A target refusing a record (a 4xx) is
 * answering, so it does not count.
 */
@Component
public class TargetCircuits extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TargetCircuits.class);
    /** Components that stay inside the hub: no target of theirs has a circuit. */
    private static final Set<String> INTERNAL = Set.of("direct", "kamelet", "kafka", "bean", "class", "log", "seda",
            "mock", "platform-http", "timer", "controlbus", "stub");

    private final TargetPacing pacing;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Targets targets;
    private final Failures failures;
    private final CircuitBreakerRegistry breakers;
    private final IntervalFunction openFor;
    private final Map<String, Openings> openings = new ConcurrentHashMap<>();

    /** When a circuit opened and until when it held calls back. */
    public record Opening(Instant at, Instant until) {
    }

    /** A circuit's latest openings, and how many in a row since it last closed (each holds twice as long). */
    private static final class Openings {
        int inARow;
        final Deque<Opening> latest = new ArrayDeque<>();
    }

    public TargetCircuits(TargetPacing pacing, Clock clock, MeterRegistry meters, Targets targets, Failures failures,
                          @Value("${socialwire.circuits.failure-threshold:5}") int threshold,
                          @Value("${socialwire.circuits.open-for:5s}") Duration openFor,
                          @Value("${socialwire.circuits.max-open-for:60s}") Duration maxOpenFor) {
        this.pacing = pacing;
        this.clock = clock;
        this.meters = meters;
        this.targets = targets;
        this.failures = failures;
        this.openFor = IntervalFunction.ofExponentialBackoff(openFor, 2.0, maxOpenFor);
        // the last `threshold` calls all failed: open; one trial call when the hold is over
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(threshold)
                .minimumNumberOfCalls(threshold)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitIntervalFunctionInOpenState(this.openFor)
                .clock(clock)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
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
    public void failed(String target) {
        CircuitBreaker breaker = breaker(target);
        breaker.tryAcquirePermission(); // a hold that is over makes this call the trial
        breaker.onError(0, TimeUnit.MILLISECONDS, new IllegalStateException("transient failure"));
    }

    public void succeeded(String target) {
        CircuitBreaker breaker = breaker(target);
        breaker.tryAcquirePermission();
        breaker.onSuccess(0, TimeUnit.MILLISECONDS);
    }

    /** True while the circuit of {@code target} is open (it has failed and is not called until its hold ends). */
    public boolean isOpen(String target) {
        CircuitBreaker breaker = breakers.find(target).orElse(null);
        return breaker != null && breaker.getState() == CircuitBreaker.State.OPEN && pacing.isPaused(target);
    }

    /** The state of each target's circuit (CLOSED, OPEN, HALF_OPEN...), for the targets called since the start. */
    public Map<String, String> states() {
        Map<String, String> states = new java.util.TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(breaker -> states.put(breaker.getName(), breaker.getState().name()));
        return states;
    }

    /** The latest openings of the circuit of {@code target}, oldest first. */
    public List<Opening> openings(String target) {
        Openings of = openings.get(target);
        if (of == null) {
            return List.of();
        }
        synchronized (of) {
            return List.copyOf(of.latest);
        }
    }

    private CircuitBreaker breaker(String target) {
        return breakers.find(target).orElseGet(() -> {
            synchronized (breakers) {
                return breakers.find(target).orElseGet(() -> created(target));
            }
        });
    }

    private CircuitBreaker created(String target) {
        CircuitBreaker breaker = breakers.circuitBreaker(target);
        Openings of = openings.computeIfAbsent(target, t -> new Openings());
        breaker.getEventPublisher().onStateTransition(event -> transition(target, of, event.getStateTransition()));
        Gauge.builder("socialwire.target.circuit.open", () -> isOpen(target) ? 1 : 0)
                .description("1 while the circuit to the target is open").tag("target", target).register(meters);
        return breaker;
    }

    /** An opening holds calls back as long as the breaker stays open; closing starts the doubling again. */
    private void transition(String target, Openings of, CircuitBreaker.StateTransition transition) {
        synchronized (of) {
            if (transition.getToState() == CircuitBreaker.State.CLOSED) {
                if (of.inARow > 0) {
                    LOG.info("Circuit to {} closed", target);
                }
                of.inARow = 0;
                return;
            }
            if (transition.getToState() != CircuitBreaker.State.OPEN) {
                return;
            }
            Instant now = clock.instant();
            Instant until = now.plusMillis(openFor.apply(++of.inARow));
            pacing.holdOff(target, until);
            of.latest.addLast(new Opening(now, until));
            if (of.latest.size() > 20) {
                of.latest.removeFirst();
            }
            LOG.warn(of.inARow == 1 ? "Circuit to {} open for {} s after failures in a row"
                    : "Circuit to {} open again for {} s: the trial call failed", target,
                    Duration.between(now, until).toSeconds());
        }
    }

    /**
     * The system a call went to: the one the calling route names (its {@code target} property, a system of record or
     * an HTTP target), else the component's own (a {@code salesforce:} call of the identity lookups). Calls inside
     * the hub (routes, Kafka, beans) are none.
     */
    private String target(Endpoint endpoint, Exchange exchange) {
        String uri = endpoint.getEndpointUri();
        String scheme = uri.substring(0, Math.max(0, uri.indexOf(':')));
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
