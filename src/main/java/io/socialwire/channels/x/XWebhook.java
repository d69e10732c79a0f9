package io.socialwire.channels.x;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.ChannelSwitch;
import io.socialwire.webhook.WebhookBodies;
import io.socialwire.webhook.WebhookProperties;
import io.socialwire.webhook.WebhookRejectedException;
import io.socialwire.webhook.WebhookResponses;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The steps of routes/sources/x-webhook.camel.yaml: the CRC check, the delivery signature, normalization. */
@Component("xWebhook")
public class XWebhook {

    private final ChannelSwitch enabled;
    private final XWebhookSignatures signatures;
    private final XActivityNormalizer normalizer;
    private final WebhookResponses responses;
    private final Clock clock;

    public XWebhook(WebhookProperties properties, ObjectMapper json, WebhookResponses responses,
                          Clock clock) {
        this.enabled = new ChannelSwitch("X Account Activity", "X_CONSUMER_SECRET", properties.xConsumerSecret());
        this.signatures = enabled.isOn() ? new XWebhookSignatures(properties.xConsumerSecret()) : null;
        this.normalizer = new XActivityNormalizer(json);
        this.responses = responses;
        this.clock = clock;
    }

    /** GET ?crc_token=: answers {"response_token":"sha256=..."} so X keeps the webhook registered. */
    public void answerCrc(Exchange exchange) {
        enabled.requireOn();
        String token = exchange.getMessage().getHeader("crc_token", String.class);
        if (token == null || token.isBlank()) {
            throw WebhookRejectedException.badRequest("crc_token is missing");
        }
        responses.json(exchange, Map.of("response_token", signatures.crcResponse(token)));
    }

    public List<SocialInteraction> verifyAndNormalize(Exchange exchange) {
        enabled.requireOn();
        byte[] body = WebhookBodies.jsonBytes(exchange);
        signatures.verify(exchange.getMessage().getHeader("x-twitter-webhooks-signature", String.class), body);
        return normalizer.normalize(body, clock.instant());
    }
}
