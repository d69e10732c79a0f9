package io.socialwire.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Per-second rates of two ever-growing totals, from the totals seen at each request over the last {@link #WINDOW}:
 * a console polling every few seconds sees the rate of the last few polls, without a sampler thread.
 */
final class LiveRates {

    static final Duration WINDOW = Duration.ofSeconds(10);

    record Sample(Instant at, double in, double out) {
    }

    record Rates(double in, double out) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    synchronized Rates add(Sample now) {
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(now.at().minus(WINDOW))) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        samples.addLast(now);
        if (oldest == null) {
            return new Rates(0, 0);
        }
        double seconds = Duration.between(oldest.at(), now.at()).toMillis() / 1000.0;
        if (seconds <= 0) {
            return new Rates(0, 0);
        }
        return new Rates(round((now.in() - oldest.in()) / seconds), round((now.out() - oldest.out()) / seconds));
    }

    private static double round(double rate) {
        return Math.round(Math.max(0, rate) * 100) / 100.0;
    }
}
