package io.socialwire.channels.x;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.socialwire.webhook.Hmac;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * X Account Activity API: the CRC answer ({@code sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>}) and the
 * delivery signature {@code x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>}.
 */
public final class XWebhookSignatures {

    private static final String PREFIX = "sha256=";

    private final byte[] consumerSecret;

    public XWebhookSignatures(String consumerSecret) {
        this.consumerSecret = consumerSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String crcResponse(String crcToken) {
        return sign(crcToken.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(Hmac.sha256(consumerSecret, body));
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing x-twitter-webhooks-signature header");
        }
        if (!header.startsWith(PREFIX)) {
            throw WebhookRejectedException.unauthorized("x-twitter-webhooks-signature must start with sha256=");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized("x-twitter-webhooks-signature is not base64");
        }
        if (!Hmac.equal(Hmac.sha256(consumerSecret, body), given)) {
            throw WebhookRejectedException.unauthorized("x-twitter-webhooks-signature does not match the body");
        }
    }
}
