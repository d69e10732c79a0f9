package io.socialwire.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook secrets (from the environment: META_APP_SECRET, META_VERIFY_TOKEN, GENERIC_WEBHOOK_SECRET) and limits.
 *
 * @param metaAppSecret      Meta app secret that signs deliveries (X-Hub-Signature-256)
 * @param metaVerifyToken    token Meta echoes in the subscription handshake
 * @param genericSecret      Standard Webhooks secret in whsec_ form for /webhooks/generic
 * @param xConsumerSecret    X app consumer secret (Account Activity CRC and x-twitter-webhooks-signature)
 * @param linkedinClientSecret LinkedIn app client secret (challenge and X-LI-Signature)
 * @param timestampTolerance how far a Standard Webhooks timestamp may be from now
 * @param maxItems           how many interactions one generic webhook request may hold
 */
@ConfigurationProperties("socialwire.webhooks")
public record WebhookProperties(
        String metaAppSecret,
        String metaVerifyToken,
        String genericSecret,
        String xConsumerSecret,
        String linkedinClientSecret,
        @DefaultValue("5m") Duration timestampTolerance,
        @DefaultValue("100") int maxItems) {

    public WebhookProperties {
        if (maxItems < 1) {
            throw new IllegalArgumentException("socialwire.webhooks.max-items must be at least 1, not " + maxItems);
        }
    }
}
