package io.socialwire.state;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Ready once this instance's state partitions are restored; down when Kafka Streams failed. */
@Component("state")
class StateHealthIndicator extends AbstractHealthIndicator {

    private final HubState state;

    StateHealthIndicator(HubState state) {
        this.state = state;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        (state.isRestored() ? health.up() : health.outOfService()).withDetail("streams", state.streamsState().name());
    }
}
