package io.socialwire.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A webhook channel is on when its secret is set. When it is not, it says so once, at start-up, and answers 503
 * with the reason instead of accepting deliveries it cannot verify.
 */
public final class ChannelSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSwitch.class);

    private final String channel;
    private final String variable;
    private final boolean on;

    public ChannelSwitch(String channel, String variable, String secret) {
        this.channel = channel;
        this.variable = variable;
        this.on = secret != null && !secret.isBlank();
        if (!on) {
            LOG.info("{} webhooks are off: {} is not set", channel, variable);
        }
    }

    public boolean isOn() {
        return on;
    }

    public void requireOn() {
        if (!on) {
            throw new WebhookRejectedException(503, channel + " webhooks are not configured (" + variable
                    + " is not set)");
        }
    }
}
