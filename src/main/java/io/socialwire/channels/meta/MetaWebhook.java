package io.socialwire.channels.meta;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.Hmac;
import io.socialwire.webhook.WebhookBodies;
import io.socialwire.webhook.WebhookProperties;
import io.socialwire.webhook.WebhookResponses;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The steps of routes/sources/meta-webhook.camel.yaml: subscription handshake, signature check, normalization. */
@Component("metaWebhook")
public class MetaWebhook {

    private final byte[] verifyToken;
    private final MetaSignatureVerifier signatures;
    private final MetaWebhookNormalizer normalizer;
    private final WebhookResponses responses;
    private final Clock clock;

    public MetaWebhook(WebhookProperties properties, ObjectMapper json, WebhookResponses responses, Clock clock) {
        this.verifyToken = properties.metaVerifyToken() == null ? null
                : properties.metaVerifyToken().getBytes(StandardCharsets.UTF_8);
        this.signatures = new MetaSignatureVerifier(properties.metaAppSecret());
        this.normalizer = new MetaWebhookNormalizer(json);
        this.responses = responses;
        this.clock = clock;
    }

    /** GET: answers hub.challenge when hub.verify_token matches, else 403. */
    public void answerChallenge(Exchange exchange) {
        String mode = exchange.getMessage().getHeader("hub.mode", String.class);
        String token = exchange.getMessage().getHeader("hub.verify_token", String.class);
        String challenge = exchange.getMessage().getHeader("hub.challenge", String.class);
        boolean tokenMatches = verifyToken != null && token != null
                && Hmac.equal(verifyToken, token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            responses.plain(exchange, 403, "verification failed: hub.mode or hub.verify_token is wrong");
            return;
        }
        responses.plain(exchange, 200, challenge);
    }

    /** POST: verifies the signature over the raw bytes and returns one interaction per change. */
    public List<SocialInteraction> verifyAndNormalize(Exchange exchange) {
        byte[] body = WebhookBodies.jsonBytes(exchange);
        signatures.verify(exchange.getMessage().getHeader("X-Hub-Signature-256", String.class), body);
        return normalizer.normalize(body, clock.instant());
    }
}
