package io.socialwire.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.model.InteractionJson;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/common/publish-interactions.camel.yaml: a delivery's interactions onto the interactions topic (a mock), each
 * keyed by its conversation and carrying none of the request's headers, answered 200 with their count once all are
 * on Kafka; the first Kafka refusal stops the rest and fails the exchange, for the webhook to answer 503.
 */
class PublishInteractionsRouteTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.interactions", "socialwire.interactions"));
        camel.getRegistry().bind("interactionJson", new InteractionJson(json));
        camel.getRegistry().bind("webhookResponses", new WebhookResponses(new WebhookMetrics(new SimpleMeterRegistry())));
        YamlRoutes.mockKafka(camel);
        YamlRoutes.load(camel, "routes/common/publish-interactions.camel.yaml");
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void eachInteractionGoesOnTheTopicKeyedByItsConversationThenTheSenderHears200() throws Exception {
        List<SocialInteraction> delivery = List.of(interaction("x:1", "x:1"), interaction("x:2", "x:1"),
                interaction("x:3", "x:3"));

        Exchange done = publish(delivery);

        assertThat(done.getException()).isNull();
        MockEndpoint topic = YamlRoutes.topic(camel, "socialwire.interactions");
        assertThat(topic.getExchanges()).extracting(e -> e.getMessage().getHeader(KafkaConstants.KEY))
                .containsExactly("x:1", "x:1", "x:3");
        assertThat(json.readValue(topic.getExchanges().get(1).getMessage().getBody(String.class),
                SocialInteraction.class)).isEqualTo(delivery.get(1));
        assertThat(topic.getExchanges().get(0).getMessage().getHeaders()).as("request headers stay out of Kafka")
                .doesNotContainKeys("X-Hub-Signature-256", "User-Agent");
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(done.getMessage().getHeaders()).doesNotContainKeys("X-Hub-Signature-256", "User-Agent");
        JsonNode answer = json.readTree(done.getMessage().getBody(String.class));
        assertThat(answer.path("status").asText()).isEqualTo("accepted");
        assertThat(answer.path("interactions").asInt()).isEqualTo(3);
    }

    @Test
    void aKafkaRefusalStopsTheRestAndFailsTheDelivery() {
        MockEndpoint topic = YamlRoutes.topic(camel, "socialwire.interactions");
        topic.whenExchangeReceived(2, e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("not acknowledged within 15000 ms");
        });

        Exchange done = publish(List.of(interaction("x:1", "x:1"), interaction("x:2", "x:2"),
                interaction("x:3", "x:3")));

        assertThat(done.getException()).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThat(topic.getExchanges()).as("the third is not sent").hasSize(2);
        assertThat(done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as("not accepted").isNull();
    }

    private Exchange publish(List<SocialInteraction> delivery) {
        return camel.createProducerTemplate().send("direct:publish-interactions", e -> {
            e.getMessage().setHeader("X-Hub-Signature-256", "sha256=0123");
            e.getMessage().setHeader("User-Agent", "facebookexternalua");
            e.getMessage().setBody(delivery);
        });
    }

    private static SocialInteraction interaction(String id, String conversationId) {
        return new SocialInteraction(id, "x", "post", id.substring(2), conversationId, null, null,
                Instant.parse("2026-12-03T10:00:00Z"), "post " + id, "en", null, List.of(), null, null);
    }
}
