package io.socialwire.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the hub from calling a target before it said it may be called again. A target's rate-limit answer
 * ({@code Retry-After}, {@code X-RateLimit-Reset}) or its daily API limit drawing near sets a time before which no call to that target leaves; the kamelets wait for it
 * ({@code targetPacing.await}) before they call. A wait longer than {@code socialwire.pacing.max-wait} fails the
 * exchange as transient instead, so the record is retried later and the consumer keeps polling.
 */
@Component("targetPacing")
public class TargetPacing {

    private static final Logger LOG = LoggerFactory.getLogger(TargetPacing.class);

    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxWait;

    public TargetPacing(Clock clock, @Value("${socialwire.pacing.max-wait:30s}") Duration maxWait) {
        this.clock = clock;
        this.maxWait = maxWait;
    }

    /** No call to {@code target} before {@code until}. */
    public void holdOff(String target, Instant until) {
        Instant later = notBefore.merge(target, until, (a, b) -> a.isAfter(b) ? a : b);
        LOG.info("Calls to {} paused until {}", target, later);
    }

    /** The time before which {@code target} is not called, or null. */
    public Instant pausedUntil(String target) {
        return notBefore.get(target);
    }

    /** True while calls to {@code target} are held back. */
    public boolean isPaused(String target) {
        Instant until = notBefore.get(target);
        return until != null && until.isAfter(clock.instant());
    }

    /** Waits until {@code target} may be called. */
    public void await(String target) throws InterruptedException {
        Instant until = notBefore.get(target);
        if (until == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            notBefore.remove(target, until);
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            Thread.sleep(maxWait.toMillis());
            throw new TargetPausedException(target, until);
        }
        Thread.sleep(wait.toMillis() + 1);
    }

    /**
     * After a call made with {@code throwExceptionOnFailure=false}: a rate limit or an outage answer that says when
     * to come back ({@code Retry-After}, {@code X-RateLimit-Reset}, {@code RateLimit-Reset}) holds calls to
     * {@code target} until then.
     */
    public void observe(org.apache.camel.Exchange exchange, String target) {
        Integer status = exchange.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 429 && status != 503) {
            return;
        }
        // ServiceNow's X-RateLimit-Reset, X's x-rate-limit-reset, a Bluesky PDS's RateLimit-Reset: all epoch seconds
        String reset = exchange.getMessage().getHeader("X-RateLimit-Reset", String.class);
        if (reset == null) {
            reset = exchange.getMessage().getHeader("x-rate-limit-reset", String.class);
        }
        if (reset == null) {
            reset = exchange.getMessage().getHeader("RateLimit-Reset", String.class);
        }
        Instant until = retryAt(exchange.getMessage().getHeader("Retry-After", String.class), reset, clock.instant());
        if (until != null) {
            holdOff(target, until);
        }
    }

    /** When a rate-limited target may be called again, from its headers; null when they do not say. */
    public static Instant retryAt(String retryAfter, String rateLimitReset, Instant now) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            try {
                return now.plusSeconds(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException notSeconds) {
                try {
                    return java.time.ZonedDateTime.parse(retryAfter.trim(),
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (java.time.format.DateTimeParseException ignored) {
                    // neither form: fall through to the reset header
                }
            }
        }
        if (rateLimitReset != null && !rateLimitReset.isBlank()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(rateLimitReset.trim()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }
}
