package io.socialwire.trace;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.socialwire.model.Sentiment;

/**
 * What dispatch knew of an interaction, kept in the state store {@code traces} (compacted topic
 * {@code socialwire.traces}, keyed by interaction id) for the receipts' retention. Erasure replaces it with the ids
 * and {@code erasedAt} only.
 *
 * @param receivedAt when Kafka stored the interaction (the hub's receipt)
 * @param via        the hub route that received it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Trace(
        String interactionId,
        String conversationId,
        String channel,
        String kind,
        Author author,
        Instant receivedAt,
        String via,
        Kafka kafka,
        Decision decision,
        Instant erasedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Author(String id, String handle) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Kafka(String topic, int partition, long offset) {
    }

    /**
     * @param classifier the classifier's likeliest department and its probability, when the classifier was asked
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Decision(Instant at, String language, Sentiment sentiment, String rule, List<String> conditions,
                    Classified classifier, boolean lowConfidence, String department, String intent, Integer priority,
                    String lane) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Classified(String department, double probability) {
    }

    Trace erased(Instant at) {
        return new Trace(interactionId, conversationId, channel, null, null, receivedAt, null, null, null, at);
    }
}
