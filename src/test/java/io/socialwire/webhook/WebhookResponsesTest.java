package io.socialwire.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** 503 only when Kafka did not take the interactions; a refusal answers its own status; anything else is a 500. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookResponsesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookResponses responses = new WebhookResponses(new WebhookMetrics(registry));
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aRefusalAnswersItsStatusAndReason() {
        Exchange exchange = failed(WebhookRejectedException.badRequest("body is not valid UTF-8 (byte 80)"));

        responses.rejected(exchange);

        assertAnswer(exchange, 400, "{\"error\":\"body is not valid UTF-8 (byte 80)\"}", "malformed");
    }

    @Test
    void kafkaNotAcknowledgingAnswers503AndLogsKafkasReason(CapturedOutput log) {
        Exchange exchange = failed(new CamelExchangeException("Sequential processing failed for number 0", null,
                new TimeoutException("Topic socialwire.interactions not present in metadata after 10000 ms.")));

        responses.rejected(exchange);

        assertAnswer(exchange, 503, "{\"error\":\"interactions could not be stored; retry later\"}",
                "kafka_unavailable");
        assertThat(log.getOut()).contains("org.apache.kafka.common.errors.TimeoutException: Topic "
                + "socialwire.interactions not present in metadata after 10000 ms.");
    }

    @Test
    void anyOtherFailureIsTheHubsOwnAnswered500AndLoggedWithoutItsMessage(CapturedOutput log) {
        Exchange exchange = failed(new IllegalArgumentException(
                "expected a pair but was {\"text\":\"Quilla Canaryworth\"}", new NullPointerException("Quilla again")));

        responses.rejected(exchange);

        assertAnswer(exchange, 500, "{\"error\":\"the hub failed to process the delivery\"}", "internal_error");
        assertThat(log.getOut()).contains("A meta webhook delivery failed in the hub (answered 500): "
                        + "java.lang.IllegalArgumentException at io.socialwire.webhook.WebhookResponsesTest")
                .contains("caused by java.lang.NullPointerException").doesNotContain("Quilla");
    }

    private Exchange failed(Exception cause) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/webhooks/meta");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        return exchange;
    }

    private void assertAnswer(Exchange exchange, int status, String body, String reason) {
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(registry.get("socialwire.webhook.rejected").tags("channel", "meta", "reason", reason).counter()
                .count()).isEqualTo(1.0);
    }
}
