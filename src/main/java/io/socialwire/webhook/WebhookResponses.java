package io.socialwire.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Shapes the HTTP answers of the webhook routes: a JSON body and nothing of the request echoed back. */
@Component("webhookResponses")
public class WebhookResponses {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponses.class);
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

    /**
     * A refusal answers its status and reason; a failure of Kafka's producer answers 503, so the sender retries
     * (it saw no 2xx); anything else is a fault of the hub, answered 500 and logged where it happened. Neither log
     * line quotes an exception's message beyond Kafka's own: messages of parsers and converters quote the body.
     */
    public void rejected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String channel = channelOf(exchange);
        if (cause instanceof WebhookRejectedException rejected) {
            metrics.rejected(channel, rejected.metricReason());
            respond(exchange, rejected.status(), Map.of("error", rejected.getMessage()));
            return;
        }
        KafkaException kafka = kafkaCause(cause);
        if (kafka != null) {
            LOG.warn("Kafka did not acknowledge a {} webhook delivery (answered 503): {}: {}", channel,
                    kafka.getClass().getName(), kafka.getMessage());
            metrics.rejected(channel, "kafka_unavailable");
            respond(exchange, 503, Map.of("error", "interactions could not be stored; retry later"));
        } else {
            LOG.error("A {} webhook delivery failed in the hub (answered 500): {}", channel, whereFailed(cause));
            metrics.rejected(channel, "internal_error");
            respond(exchange, 500, Map.of("error", "the hub failed to process the delivery"));
        }
    }

    /** By the request's path, or the route's endpoint once publishing removed the request headers. */
    private static String channelOf(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (path == null && exchange.getFromEndpoint() != null) {
            path = exchange.getFromEndpoint().getEndpointBaseUri();
        }
        return WebhookMetrics.channelOf(path);
    }

    private static KafkaException kafkaCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KafkaException kafka) {
                return kafka;
            }
        }
        return null;
    }

    /** Each exception of the chain by class and the line that threw it, without messages. */
    private static String whereFailed(Throwable failure) {
        StringBuilder where = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            StackTraceElement[] stack = t.getStackTrace();
            where.append(where.isEmpty() ? "" : " caused by ").append(t.getClass().getName())
                    .append(stack.length == 0 ? "" : " at " + stack[0]);
        }
        return where.toString();
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
