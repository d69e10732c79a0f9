package io.socialwire.channels.generic;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.socialwire.webhook.Hmac;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * The Standard Webhooks scheme: {@code webhook-signature} holds space-separated {@code v1,<base64 HMAC-SHA256(key,
 * "id.timestamp.body")>} entries (several during secret rotation); the key is the base64 part of a {@code whsec_}
 * secret; {@code webhook-timestamp} must lie within the tolerance of now.
 */
public final class StandardWebhookVerifier {

    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    public StandardWebhookVerifier(String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("GENERIC_WEBHOOK_SECRET is not set");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GENERIC_WEBHOOK_SECRET must be whsec_ followed by base64", e);
        }
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(id, Long.toString(timestamp), body));
    }

    public void verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || id.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing webhook-id header");
        }
        if (timestamp == null || signatures == null || signatures.isBlank()) {
            throw WebhookRejectedException.unauthorized("missing webhook-timestamp or webhook-signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejectedException.unauthorized("webhook-timestamp is not a Unix time in seconds");
        }
        Instant sentAt = Instant.ofEpochSecond(seconds);
        if (Duration.between(sentAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw WebhookRejectedException.stale("webhook-timestamp is outside the allowed window");
        }
        byte[] expected = mac(id, timestamp.trim(), body);
        boolean matched = false;
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")) {
                // every entry is checked so the time taken does not reveal which one matched
                matched |= Hmac.equal(expected, decode(entry.substring(comma + 1)));
            }
        }
        if (!matched) {
            throw WebhookRejectedException.unauthorized("webhook-signature does not match the body");
        }
    }

    private byte[] mac(String id, String timestamp, byte[] body) {
        return Hmac.sha256(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
