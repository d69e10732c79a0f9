package io.socialwire.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Shapes the HTTP answers of the webhook routes: a JSON body and nothing of the request echoed back. */
@Component("webhookResponses")
public class WebhookResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookMetrics metrics;

    public WebhookResponses(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    /** 200 once every interaction of the delivery (the body, a list) is on Kafka. */
    public void accepted(Exchange exchange) {
        int count = exchange.getMessage().getBody(java.util.List.class).size();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("interactions", count);
        respond(exchange, 200, body);
    }

    public void rejected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String channel = WebhookMetrics.channelOf(exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class));
        if (cause instanceof WebhookRejectedException rejected) {
            metrics.rejected(channel, rejected.metricReason());
            respond(exchange, rejected.status(), Map.of("error", rejected.getMessage()));
        } else {
            // Kafka did not acknowledge: the sender must retry, and it will, because it saw no 2xx.
            metrics.rejected(channel, "kafka_unavailable");
            respond(exchange, 503, Map.of("error", "interactions could not be stored; retry later"));
        }
    }

    public void plain(Exchange exchange, int status, String text) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody(text);
    }

    /** Answers a JSON document, e.g. a platform's verification challenge. */
    public void json(Exchange exchange, Map<String, ?> body) {
        respond(exchange, 200, body);
    }

    private void respond(Exchange exchange, int status, Map<String, ?> body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
