package io.socialwire.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.DeliveryMetrics;
import io.socialwire.model.SocialInteraction;
import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.support.YamlRoutes;
import io.socialwire.targets.Targets;
import io.socialwire.targets.TargetsProperties;
import io.socialwire.webhook.WebhookMetrics;
import io.socialwire.webhook.WebhookRejectedException;
import io.socialwire.webhook.WebhookResponses;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * routes/common/error-handling.camel.yaml: the dead-letter route (the DLQ topic is a mock), and what the
 * dispatch-errors and webhook-errors route configurations do with a failure of a route that opts into them.
 */
class ErrorHandlingRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ORIGINAL = "{\"id\":\"x:1\",\"text\":\"as consumed\"}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger attempts = new AtomicInteger();
    private CamelContext camel;
    private ProducerTemplate producer;
    /** What the route opted into dispatch-errors fails with. */
    private RuntimeException failure;
    /** What the route opted into webhook-errors fails with. */
    private RuntimeException webhookFailure;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        camel = YamlRoutes.plainContext(Map.of("socialwire.topics.dlq", "socialwire.dlq",
                "socialwire.dispatch.retries", "2", "socialwire.dispatch.retry-delay-ms", "1"));
        camel.getRegistry().bind("deadLetters", new DeadLetters(clock, new DeliveryMetrics(registry, clock)));
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.getRegistry().bind("failures", new Failures(new Targets(new TargetsProperties(Map.of(), Map.of()),
                new MockEnvironment())));
        camel.getRegistry().bind("webhookResponses", new WebhookResponses(new WebhookMetrics(registry)));
        YamlRoutes.mockKafka(camel);
        YamlRoutes.load(camel, "routes/common/error-handling.camel.yaml");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:delivering").routeConfigurationId("dispatch-errors")
                        .setProperty(DeadLetters.TARGET_PROPERTY, constant("marketing-webhook"))
                        .setBody(constant("rendered for the target"))
                        .process(e -> {
                            attempts.incrementAndGet();
                            throw failure;
                        });
                from("direct:receiving").routeConfigurationId("webhook-errors")
                        .process(e -> {
                            throw webhookFailure;
                        });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aDeadLetteredRecordKeepsItsValueAndGetsTheReasonTargetAttemptsTimeAndSourceAsHeaders() {
        KafkaManualCommit commit = mock(KafkaManualCommit.class);

        Exchange done = producer.send("direct:dead-letter", e -> {
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new TargetRefusedException("marketing-webhook", 422,
                    "Unprocessable Entity"));
            e.setProperty(DeadLetters.TARGET_PROPERTY, "marketing-webhook");
            e.setProperty(Conversations.INTERACTION, interaction());
            e.getMessage().setBody(ORIGINAL);
            e.getMessage().setHeader(KafkaConstants.TOPIC, "socialwire.deliveries.marketing");
            e.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            e.getMessage().setHeader(KafkaConstants.OFFSET, 42L);
            e.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, 4);
            e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
        });

        assertThat(done.getException()).isNull();
        MockEndpoint dlq = YamlRoutes.topic(camel, "socialwire.dlq");
        assertThat(dlq.getExchanges()).hasSize(1);
        Exchange record = dlq.getExchanges().get(0);
        assertThat(record.getMessage().getBody()).isEqualTo(ORIGINAL);
        assertThat(record.getMessage().getHeaders())
                .containsEntry(DeadLetters.REASON, "marketing-webhook answered HTTP 422 Unprocessable Entity")
                .containsEntry(DeadLetters.TARGET, "marketing-webhook")
                .containsEntry(DeadLetters.ATTEMPTS, "5")
                .containsEntry(DeadLetters.FAILED_AT, "2026-12-03T10:00:00Z")
                .containsEntry(DeadLetters.SOURCE_OFFSET, "socialwire.deliveries.marketing/0@42")
                .containsEntry(DeadLetters.INTERACTION, "x:1");
        verify(commit).commit();
        assertThat(registry.get("socialwire.deliveries").tag("outcome", "dead_lettered")
                .tag("target", "marketing-webhook").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRecordOfALaneBatchIsDeadLetteredButCommittedWithItsBatch() {
        Exchange done = producer.send("direct:dead-letter", e -> {
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("unreadable"));
            e.getMessage().setBody(ORIGINAL);
        });

        assertThat(done.getException()).as("no manual commit asked for").isNull();
        assertThat(YamlRoutes.topic(camel, "socialwire.dlq").getExchanges()).singleElement()
                .satisfies(record -> assertThat(record.getMessage().getHeaders())
                        .containsEntry(DeadLetters.TARGET, "dispatch")
                        .containsEntry(DeadLetters.ATTEMPTS, "1")
                        .doesNotContainKey(DeadLetters.INTERACTION));
    }

    @Test
    void aRefusedRecordIsDeadLetteredAtOnceAsItWasConsumed() {
        failure = new TargetRefusedException("marketing-webhook", 422, "Unprocessable Entity");

        Exchange done = producer.send("direct:delivering", e -> e.getMessage().setBody(ORIGINAL));

        assertThat(done.getException()).as("handled").isNull();
        assertThat(attempts).hasValue(1);
        assertThat(YamlRoutes.topic(camel, "socialwire.dlq").getExchanges()).singleElement().satisfies(record -> {
            assertThat(record.getMessage().getBody()).as("the original message").isEqualTo(ORIGINAL);
            assertThat(record.getMessage().getHeaders())
                    .containsEntry(DeadLetters.REASON, "marketing-webhook answered HTTP 422 Unprocessable Entity")
                    .containsEntry(DeadLetters.TARGET, "marketing-webhook")
                    .containsEntry(DeadLetters.ATTEMPTS, "1");
        });
    }

    @Test
    void aFailureRetryingCanFixIsRetriedThenLeftUncommittedNotDeadLettered() {
        failure = new TargetRefusedException("marketing-webhook", 503, "Service Unavailable");

        Exchange done = producer.send("direct:delivering", e -> e.getMessage().setBody(ORIGINAL));

        assertThat(done.getException()).isSameAs(failure);
        assertThat(attempts).as("the first try and socialwire.dispatch.retries more").hasValue(3);
        assertThat(YamlRoutes.topic(camel, "socialwire.dlq").getExchanges()).isEmpty();
    }

    @Test
    void aTimeoutIsRetriedToo() {
        failure = new IllegalStateException("read timed out", new IOException("timeout"));

        Exchange done = producer.send("direct:delivering", e -> e.getMessage().setBody(ORIGINAL));

        assertThat(done.getException()).isSameAs(failure);
        assertThat(attempts).hasValue(3);
        assertThat(YamlRoutes.topic(camel, "socialwire.dlq").getExchanges()).isEmpty();
    }

    @Test
    void aRefusedWebhookDeliveryIsAnsweredWithItsStatusAndReasonAndCounted() {
        webhookFailure = WebhookRejectedException.badRequest("'interactions' must be an array");

        Exchange done = receive();

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(done.getMessage().getHeaders()).doesNotContainKey("X-Signature");
        assertThat(done.getMessage().getBody(String.class)).contains("'interactions' must be an array");
        assertThat(rejected("malformed")).isEqualTo(1.0);
    }

    @Test
    void aDeliveryKafkaDidNotAcknowledgeIsAnswered503SoTheSenderRetries() {
        webhookFailure = new IllegalStateException("send failed",
                new org.apache.kafka.common.errors.TimeoutException("not acknowledged within 15000 ms"));

        Exchange done = receive();

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(rejected("kafka_unavailable")).isEqualTo(1.0);
    }

    @Test
    void anyOtherFailureIsTheHubsAnswered500WithoutEchoingTheBody() {
        webhookFailure = new IllegalArgumentException("cannot convert {\"interactions\":{}}");

        Exchange done = receive();

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(done.getMessage().getBody(String.class)).doesNotContain("interactions");
        assertThat(rejected("internal_error")).isEqualTo(1.0);
    }

    private Exchange receive() {
        return producer.send("direct:receiving", e -> {
            e.getMessage().setHeader(Exchange.HTTP_URI, "/webhooks/generic");
            e.getMessage().setHeader("X-Signature", "sha256=abc");
            e.getMessage().setBody("{\"interactions\":{}}");
        });
    }

    private double rejected(String reason) {
        return registry.get("socialwire.webhook.rejected").tag("channel", "generic").tag("reason", reason).counter()
                .count();
    }

    private static SocialInteraction interaction() {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null, NOW, "as consumed", "en", null,
                List.of(), null, null);
    }
}
