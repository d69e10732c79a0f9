package io.socialwire.webhook;

import org.apache.camel.Exchange;

/**
 * The raw request bytes of a JSON webhook: signatures are computed over exactly these. The webhook routes read
 * the body as bytes ({@code useStreaming}), not decoded as text, and {@link WebhookContentType} refused any
 * body that is not JSON before Camel read it.
 */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    public static byte[] jsonBytes(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }
}
