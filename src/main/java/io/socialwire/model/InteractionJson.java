package io.socialwire.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Interactions on the wire, as Kafka records: the canonical JSON as value and the conversation id as key, so all
 * events of one conversation share a partition and are applied in order.
 */
@Component("interactionJson")
public class InteractionJson {

    private final ObjectMapper json;

    public InteractionJson(ObjectMapper json) {
        this.json = json;
    }

    public String toRecord(SocialInteraction interaction, Exchange exchange) throws JsonProcessingException {
        exchange.getMessage().setHeader(KafkaConstants.KEY, interaction.conversationId());
        return json.writeValueAsString(interaction);
    }

    public SocialInteraction fromRecord(String value) throws JsonProcessingException {
        return json.readValue(value, SocialInteraction.class);
    }
}
