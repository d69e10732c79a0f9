package io.socialwire.channels.linkedin;

import java.nio.charset.StandardCharsets;

import io.socialwire.webhook.HmacSignatureHeader;
import io.socialwire.webhook.HmacSignatureHeader.Encoding;

/**
 * LinkedIn webhooks: the validation answer ({@code challengeResponse} = hex HMAC-SHA256(client secret,
 * challengeCode)) and the delivery signature {@code X-LI-Signature} = hex HMAC-SHA256(client secret, raw body),
 * accepted with or without a {@code hmacsha256=} prefix.
 */
public final class LinkedInSignatures {

    private final HmacSignatureHeader header;

    public LinkedInSignatures(String clientSecret) {
        this.header = new HmacSignatureHeader("X-LI-Signature", "hmacsha256=", false, Encoding.HEX, clientSecret);
    }

    public String challengeResponse(String challengeCode) {
        return sign(challengeCode.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] body) {
        return header.sign(body);
    }

    public void verify(String signature, byte[] body) {
        header.verify(signature, body);
    }
}
