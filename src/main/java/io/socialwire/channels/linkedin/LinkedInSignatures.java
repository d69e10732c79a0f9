package io.socialwire.channels.linkedin;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.socialwire.webhook.Hmac;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * LinkedIn webhooks: the validation answer ({@code challengeResponse} = hex HMAC-SHA256(client secret,
 * challengeCode)) and the delivery signature {@code X-LI-Signature} = hex HMAC-SHA256(client secret, raw body),
 * accepted with or without a {@code hmacsha256=} prefix.
 */
public final class LinkedInSignatures {

    private static final String PREFIX = "hmacsha256=";

    private final byte[] clientSecret;

    public LinkedInSignatures(String clientSecret) {
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String challengeResponse(String challengeCode) {
        return sign(challengeCode.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] body) {
        return HexFormat.of().formatHex(Hmac.sha256(clientSecret, body));
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing X-LI-Signature header");
        }
        String hex = header.trim();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized("X-LI-Signature is not hexadecimal");
        }
        if (!Hmac.equal(Hmac.sha256(clientSecret, body), given)) {
            throw WebhookRejectedException.unauthorized("X-LI-Signature does not match the body");
        }
    }
}
