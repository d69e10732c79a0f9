package io.socialwire.webhook;

/**
 * A webhook delivery refused before anything was written; the route answers {@code status} with the message.
 * {@code metricReason} names the kind of refusal in the {@code socialwire.webhook.rejected} metric.
 */
public class WebhookRejectedException extends RuntimeException {

    private final int status;
    private final String metricReason;

    public WebhookRejectedException(int status, String reason) {
        this(status, reason, switch (status) {
            case 400 -> "malformed";
            case 401 -> "signature";
            case 413 -> "too_large";
            case 415 -> "content_type";
            case 503 -> "channel_off";
            default -> "status_" + status;
        });
    }

    private WebhookRejectedException(int status, String reason, String metricReason) {
        super(reason);
        this.status = status;
        this.metricReason = metricReason;
    }

    public static WebhookRejectedException unauthorized(String reason) {
        return new WebhookRejectedException(401, reason);
    }

    /** A signed delivery whose timestamp is too far from now: a replay, or a sender's clock far off. */
    public static WebhookRejectedException stale(String reason) {
        return new WebhookRejectedException(401, reason, "stale");
    }

    public static WebhookRejectedException badRequest(String reason) {
        return new WebhookRejectedException(400, reason);
    }

    public int status() {
        return status;
    }

    public String metricReason() {
        return metricReason;
    }
}
