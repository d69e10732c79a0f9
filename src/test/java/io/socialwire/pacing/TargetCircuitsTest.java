package io.socialwire.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.dispatch.Failures;
import io.socialwire.targets.Targets;
import io.socialwire.targets.TargetsProperties;
import org.springframework.mock.env.MockEnvironment;
import org.junit.jupiter.api.Test;

class TargetCircuitsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final TargetPacing pacing = new TargetPacing(clock, Duration.ofSeconds(30));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Targets targets = new Targets(new TargetsProperties(Map.of(), Map.of()), new MockEnvironment());
    private final TargetCircuits circuits = new TargetCircuits(pacing, clock, meters, targets, new Failures(targets),
            3, Duration.ofSeconds(5), Duration.ofSeconds(12));

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndHoldsCallsBack() {
        circuits.failed("servicenow");
        circuits.failed("servicenow");
        assertThat(circuits.isOpen("servicenow")).isFalse();
        assertThat(pacing.isPaused("servicenow")).isFalse();

        circuits.failed("servicenow");

        assertThat(circuits.isOpen("servicenow")).isTrue();
        assertThat(pacing.pausedUntil("servicenow")).isEqualTo(NOW.plusSeconds(5));
        assertThat(meters.get("socialwire.target.circuit.open").tag("target", "servicenow").gauge().value())
                .isEqualTo(1.0);
        assertThat(circuits.isOpen("salesforce")).as("other targets are not affected").isFalse();
    }

    @Test
    void aSuccessBeforeTheThresholdStartsTheCountAgain() {
        circuits.failed("salesforce");
        circuits.failed("salesforce");
        circuits.succeeded("salesforce");
        circuits.failed("salesforce");
        circuits.failed("salesforce");

        assertThat(circuits.isOpen("salesforce")).isFalse();
    }

    @Test
    void aFailedTrialReopensAtOnceForTwiceAsLongUpToTheMaximum() {
        open("salesforce");
        clock.now = NOW.plusSeconds(6);
        assertThat(circuits.isOpen("salesforce")).as("half-open: the next call is a trial").isFalse();

        circuits.failed("salesforce");
        assertThat(pacing.pausedUntil("salesforce")).isEqualTo(clock.now.plusSeconds(10));

        clock.now = clock.now.plusSeconds(11);
        circuits.failed("salesforce");
        assertThat(pacing.pausedUntil("salesforce")).isEqualTo(clock.now.plusSeconds(12));
        assertThat(circuits.openings("salesforce")).extracting(o -> Duration.between(o.at(), o.until()))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12));
    }

    @Test
    void aSucceededTrialClosesTheCircuit() {
        open("servicenow");
        clock.now = NOW.plusSeconds(6);
        circuits.succeeded("servicenow");

        circuits.failed("servicenow");
        circuits.failed("servicenow");
        assertThat(circuits.isOpen("servicenow")).as("closed: the threshold counts again").isFalse();
    }

    private void open(String target) {
        for (int i = 0; i < 3; i++) {
            circuits.failed(target);
        }
        assertThat(circuits.isOpen(target)).isTrue();
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

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
    }
}
