package io.socialwire.channels.generic;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.WebhookBodies;
import io.socialwire.webhook.WebhookProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The steps of routes/sources/generic-webhook.camel.yaml: Standard Webhooks signature, then canonical JSON. */
@Component("genericWebhook")
public class GenericWebhook {

    private final StandardWebhookVerifier signatures;
    private final GenericWebhookNormalizer normalizer;
    private final Clock clock;

    public GenericWebhook(WebhookProperties properties, ObjectMapper json, Clock clock) {
        this.signatures = new StandardWebhookVerifier(properties.genericSecret(), properties.timestampTolerance(),
                clock);
        this.normalizer = new GenericWebhookNormalizer(json, properties.maxItems());
        this.clock = clock;
    }

    public List<SocialInteraction> verifyAndNormalize(Exchange exchange) {
        byte[] body = WebhookBodies.jsonBytes(exchange);
        Message in = exchange.getMessage();
        signatures.verify(in.getHeader("webhook-id", String.class), in.getHeader("webhook-timestamp", String.class),
                in.getHeader("webhook-signature", String.class), body);
        return normalizer.normalize(body, clock.instant());
    }
}
