package io.socialwire.channels.meta;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.socialwire.webhook.Hmac;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * Meta's {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. Meta signs the bytes it sent
 * (non-ASCII escaped as {@code \\uXXXX}), so only the raw request bytes verify, never re-serialised JSON.
 */
public final class MetaSignatureVerifier {

    private static final String PREFIX = "sha256=";

    private final byte[] appSecret;

    public MetaSignatureVerifier(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalStateException("META_APP_SECRET is not set");
        }
        this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(Hmac.sha256(appSecret, body));
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing X-Hub-Signature-256 header");
        }
        if (!header.startsWith(PREFIX)) {
            throw WebhookRejectedException.unauthorized("X-Hub-Signature-256 must start with sha256=");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized("X-Hub-Signature-256 is not hexadecimal");
        }
        if (!Hmac.equal(Hmac.sha256(appSecret, body), given)) {
            throw WebhookRejectedException.unauthorized("X-Hub-Signature-256 does not match the body");
        }
    }
}
