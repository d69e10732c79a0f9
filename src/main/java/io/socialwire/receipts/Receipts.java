package io.socialwire.receipts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.kafka.CompactedTopicView;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The receipts of every interaction, in the compacted topic {@code socialwire.receipts} keyed by interaction id
 * (the value lists each place it went, so compaction keeps all of them). Publishing the same receipt again, as a
 * redelivery does, changes nothing.
 */
@Component
public class Receipts implements DisposableBean {

    private final CompactedTopicView<Receipt[]> view;
    private final Clock clock;

    public Receipts(KafkaBootstrap bootstrap, KafkaTopics topics, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.view = CompactedTopicView.ofJson(bootstrap, topics.names().receipts(), json,
                Receipt[].class);
        view.start();
    }

    public Receipt publish(String interactionId, String conversationId, String system, String recordId,
                           String recordUrl, String action) {
        List<Receipt> all = new ArrayList<>(of(interactionId));
        Receipt receipt = new Receipt(interactionId, conversationId, system, recordId, recordUrl, action,
                clock.instant());
        boolean known = all.stream().anyMatch(r -> r.system().equals(system) && Objects.equals(r.recordId(), recordId)
                && r.action().equals(action));
        if (!known) {
            all.add(receipt);
            view.put(interactionId, all.toArray(Receipt[]::new));
        }
        return receipt;
    }

    /** Forgets where an interaction went (erasure): a tombstone in the receipts topic. */
    public void forget(String interactionId) {
        view.remove(interactionId);
    }

    public List<Receipt> of(String interactionId) {
        Receipt[] receipts = view.get(interactionId);
        return receipts == null ? List.of() : Arrays.asList(receipts);
    }

    @Override
    public void destroy() throws InterruptedException {
        view.close();
    }
}
