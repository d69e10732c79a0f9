package io.socialwire.webhook;

import org.apache.camel.Exchange;

/** The raw request bytes of a JSON webhook: signatures are computed over exactly these. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    public static byte[] jsonBytes(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase().contains("json")) {
            throw new WebhookRejectedException(415, "Content-Type must be application/json");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }
}
