package io.socialwire.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code socialwire.webhook.rejected{channel, reason}}: refused deliveries by channel and kind of refusal
 * (malformed, signature, stale, too_large, content_type, channel_off, kafka_unavailable, internal_error).
 */
@Component
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void rejected(String channel, String reason) {
        Counter.builder("socialwire.webhook.rejected").description("webhook deliveries refused, by reason")
                .tag("channel", channel).tag("reason", reason).register(registry).increment();
    }

    /** The channel of a webhook path, /webhooks/{channel}. */
    public static String channelOf(String path) {
        String rest = path == null ? "" : path.replaceFirst("^.*/webhooks/", "");
        int slash = rest.indexOf('/');
        return rest.isEmpty() ? "unknown" : slash < 0 ? rest : rest.substring(0, slash);
    }
}
