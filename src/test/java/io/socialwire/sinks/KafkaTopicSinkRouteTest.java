package io.socialwire.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.model.InteractionJson;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/kafka-topic-sink.kamelet.yaml: the enriched interaction as JSON, keyed by its conversation, onto the
 * topic the route names (Kafka's component replaced by Camel's mock), without the Kafka headers of the record it came
 * from.
 */
class KafkaTopicSinkRouteTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("interactionJson", new InteractionJson(json));
        camel.getRegistry().bind("conversations", conversations);
        YamlRoutes.useKamelets(camel);
        YamlRoutes.mockKafka(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").to("kamelet:kafka-topic-sink?topic=socialwire.marketing");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void publishesTheInteractionKeyedByItsConversationWithoutTheTopicHeadersOfTheLaneRecord() throws Exception {
        SocialInteraction interaction = new SocialInteraction("x:2", "x", "reply", "2", "x:1", "1", null,
                Instant.parse("2026-12-03T10:00:00Z"), "love the new release", "en", null, List.of(), null, null);

        Exchange done = camel.createProducerTemplate().send("direct:publish", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.getMessage().setBody(interaction);
            // as a delivery lane hands it over: its record's Kafka headers, keyed by conversation. (The kamelet's own
            // toRecord sets the key on the copy of the exchange a setBody bean expression is given, so the key
            // published is this one.)
            e.getMessage().setHeader(KafkaConstants.KEY, "x:1");
            e.getMessage().setHeader(KafkaConstants.TOPIC, "socialwire.deliveries.marketing");
            e.getMessage().setHeader(KafkaConstants.PARTITION, 3);
            e.getMessage().setHeader(KafkaConstants.OFFSET, 42L);
            e.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, "socialwire.deliveries.contacts");
            e.getMessage().setHeader("department", "marketing");
        });

        assertThat(done.getException()).isNull();
        MockEndpoint topic = YamlRoutes.topic(camel, "socialwire.marketing");
        assertThat(topic.getExchanges()).hasSize(1);
        Exchange published = topic.getExchanges().get(0);
        assertThat(json.readValue(published.getMessage().getBody(String.class), SocialInteraction.class))
                .isEqualTo(interaction);
        assertThat(published.getMessage().getHeaders()).containsEntry(KafkaConstants.KEY, "x:1")
                .containsEntry("department", "marketing")
                .doesNotContainKeys(KafkaConstants.TOPIC, KafkaConstants.PARTITION, KafkaConstants.OFFSET,
                        KafkaConstants.OVERRIDE_TOPIC);
        assertThat(done.getProperty("target")).isEqualTo("kafka-socialwire.marketing");
        verify(conversations).sent(any(Exchange.class), eq("kafka"), eq("socialwire.marketing"));
    }
}
