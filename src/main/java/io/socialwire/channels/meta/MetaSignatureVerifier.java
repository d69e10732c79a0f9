package io.socialwire.channels.meta;

import io.socialwire.webhook.HmacSignatureHeader;
import io.socialwire.webhook.HmacSignatureHeader.Encoding;

/**
 * Meta's {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. Meta signs the bytes it sent
 * (non-ASCII escaped as {@code \\uXXXX}), so only the raw request bytes verify, never re-serialised JSON.
 */
public final class MetaSignatureVerifier {

    private final HmacSignatureHeader header;

    public MetaSignatureVerifier(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalStateException("META_APP_SECRET is not set");
        }
        this.header = new HmacSignatureHeader("X-Hub-Signature-256", "sha256=", true, Encoding.HEX, appSecret);
    }

    public String sign(byte[] body) {
        return header.sign(body);
    }

    public void verify(String signature, byte[] body) {
        header.verify(signature, body);
    }
}
