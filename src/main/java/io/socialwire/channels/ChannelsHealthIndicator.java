package io.socialwire.channels;

import io.socialwire.channels.x.XV2Poller;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Polled channels whose platform refuses them (a rejected token, a rate limit) show here, in the overall health;
 * it is kept out of the liveness and readiness groups, as a platform's refusal is no reason to restart the hub.
 */
@Component("channels")
class ChannelsHealthIndicator extends AbstractHealthIndicator {

    private final XV2Poller xV2;

    ChannelsHealthIndicator(XV2Poller xV2) {
        this.xV2 = xV2;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String problem = xV2.lastProblem();
        if (problem == null) {
            builder.up().withDetail("x-v2", xV2.enabled() ? "polling" : "off");
        } else {
            builder.down().withDetail("x-v2", problem);
        }
    }
}
