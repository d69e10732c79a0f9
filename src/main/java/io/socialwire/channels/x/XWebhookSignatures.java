package io.socialwire.channels.x;

import java.nio.charset.StandardCharsets;

import io.socialwire.webhook.HmacSignatureHeader;
import io.socialwire.webhook.HmacSignatureHeader.Encoding;

/**
 * X Account Activity API: the CRC answer ({@code sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>}) and the
 * delivery signature {@code x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>}.
 */
public final class XWebhookSignatures {

    private final HmacSignatureHeader header;

    public XWebhookSignatures(String consumerSecret) {
        this.header = new HmacSignatureHeader("x-twitter-webhooks-signature", "sha256=", true, Encoding.BASE64,
                consumerSecret);
    }

    public String crcResponse(String crcToken) {
        return sign(crcToken.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] body) {
        return header.sign(body);
    }

    public void verify(String signature, byte[] body) {
        header.verify(signature, body);
    }
}
