package io.socialwire.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A header that carries the HMAC-SHA256 of the raw request body, as {@code <prefix><digest>} with the digest in hex
 * or base64, the way Meta, X and LinkedIn sign their webhooks. Verification answers a 401 naming the header and
 * compares in constant time.
 */
public final class HmacSignatureHeader {

    /** How the digest is written. */
    public enum Encoding {
        HEX("hexadecimal"),
        BASE64("base64");

        private final String description;

        Encoding(String description) {
            this.description = description;
        }

        String encode(byte[] digest) {
            return this == HEX ? HexFormat.of().formatHex(digest) : Base64.getEncoder().encodeToString(digest);
        }

        byte[] decode(String text) {
            return this == HEX ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
        }
    }

    private final String name;
    private final String prefix;
    private final boolean prefixRequired;
    private final Encoding encoding;
    private final byte[] secret;

    /**
     * @param prefixRequired whether the header must start with {@code prefix} (and signatures carry it); when not,
     *                       the prefix is accepted in any case or left out
     */
    public HmacSignatureHeader(String name, String prefix, boolean prefixRequired, Encoding encoding, String secret) {
        this.name = name;
        this.prefix = prefix;
        this.prefixRequired = prefixRequired;
        this.encoding = encoding;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] body) {
        return (prefixRequired ? prefix : "") + encoding.encode(Hmac.sha256(secret, body));
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing " + name + " header");
        }
        String encoded;
        if (prefixRequired) {
            if (!header.startsWith(prefix)) {
                throw WebhookRejectedException.unauthorized(name + " must start with " + prefix);
            }
            encoded = header.substring(prefix.length()).trim();
        } else {
            encoded = header.trim();
            if (encoded.regionMatches(true, 0, prefix, 0, prefix.length())) {
                encoded = encoded.substring(prefix.length());
            }
        }
        byte[] given;
        try {
            given = encoding.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized(name + " is not " + encoding.description);
        }
        if (!Hmac.equal(Hmac.sha256(secret, body), given)) {
            throw WebhookRejectedException.unauthorized(name + " does not match the body");
        }
    }
}
