package io.socialwire.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.socialwire.delivery.DeliveryLanes;
import io.socialwire.enrichment.Enricher;
import io.socialwire.kafka.DeferredAcks;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.Router;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The traces of interactions (state store {@code traces}): dispatch notes each interaction's decision while it
 * enriches the batch in parallel ({@link #decided}) and writes them all after the split ({@link #publish}), joined to
 * the batch's deferred acknowledgements and are acknowledged before its
 * offsets are committed: one write per interaction, nothing logged of its content.
 */
@Component("traces")
public class Traces {

    private static final Logger LOG = LoggerFactory.getLogger(Traces.class);
    /** The hub route that received an interaction, a Kafka header set by routes/common/publish-interactions. */
    public static final String RECEIVED_VIA_HEADER = "socialwire_received_via";
    private static final String DECIDED = "socialwireTraces";
    /** At most this many interactions answer a search. */
    static final int SEARCH_LIMIT = 50;

    private final HubState state;
    private final KeyedState<Trace> view;
    private final Clock clock;
    private final Duration retention;
    private final Counter dispatched;

    public Traces(HubState state, ObjectMapper json, Clock clock, MeterRegistry metrics,
                  @Value("${socialwire.state.receipt-retention:30d}") Duration retention) {
        this.state = state;
        this.clock = clock;
        this.retention = retention;
        this.view = state.store(StateTopology.TRACES, json, Trace.class);
        this.dispatched = Counter.builder("socialwire.interactions.dispatched")
                .description("interactions this instance dispatched to a lane").register(metrics);
    }

    /** Dispatch, before its batch is split: where the batch's traces are gathered. */
    public void open(Exchange exchange) {
        exchange.setProperty(DECIDED, Collections.synchronizedList(new ArrayList<Trace>()));
    }

    /** Dispatch, for each interaction handed to a lane: its trace joins the batch's. */
    public void decided(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        @SuppressWarnings("unchecked")
        List<Trace> batch = exchange.getProperty(DECIDED, List.class);
        if (batch == null || interaction.enrichment() == null) {
            return; // a deleted post's redaction: no decision to show
        }
        batch.add(trace(interaction, exchange));
    }

    /** Dispatch, after the split: the batch's traces, acknowledged with the batch before its commit. */
    public void publish(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Trace> batch = exchange.getProperty(DECIDED, List.class);
        if (batch == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Future<?>> acks = exchange.getProperty(DeferredAcks.BATCH_PROPERTY, List.class);
        synchronized (batch) {
            DeferredAcks.joining(acks, () -> batch.forEach(trace -> view.put(trace.interactionId(), trace)));
            dispatched.increment(batch.size());
        }
    }

    private Trace trace(SocialInteraction interaction, Exchange exchange) {
        var message = exchange.getMessage();
        Long storedAt = message.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
        Enricher.Explained why = exchange.getProperty(Enricher.EXPLAINED_PROPERTY, Enricher.Explained.class);
        var enrichment = interaction.enrichment();
        Trace.Classified classified = why == null || why.why().likeliest() == null ? null
                : new Trace.Classified(why.why().likeliest(), why.why().likeliestProbability());
        Trace.Decision decision = new Trace.Decision(clock.instant(), interaction.language(), enrichment.sentiment(),
                enrichment.matchedRule(), why == null ? List.of() : why.conditions(), classified,
                Router.LOW_CONFIDENCE.equals(enrichment.matchedRule()), enrichment.department(), enrichment.intent(),
                enrichment.priority(), message.getHeader(DeliveryLanes.LANE_HEADER, String.class));
        return new Trace(interaction.id(), interaction.conversationId(), interaction.channel(), interaction.kind(),
                interaction.author() == null ? null
                        : new Trace.Author(interaction.author().id(), interaction.author().handle()),
                storedAt == null ? null : Instant.ofEpochMilli(storedAt),
                message.getHeader(RECEIVED_VIA_HEADER, String.class),
                topic == null ? null : new Trace.Kafka(topic, partition, offset), decision, null);
    }

    Optional<Trace> of(String interactionId) {
        return Optional.ofNullable(view.get(interactionId));
    }

    /** The traces of a conversation, newest first, at most {@value #SEARCH_LIMIT}. */
    List<Trace> ofConversation(String conversationId) {
        return newest(state.indexed(StateTopology.TRACES_BY_CONVERSATION, conversationId));
    }

    /** The traces of an author's handle (any channel), newest first, at most {@value #SEARCH_LIMIT}. */
    List<Trace> ofAuthor(String handle) {
        String key = StateTopology.authorKey(handle);
        return key == null ? List.of() : newest(state.indexed(StateTopology.TRACES_BY_AUTHOR, key));
    }

    /** Later interactions of the conversation than the one given, oldest first. */
    List<Trace> after(Trace trace) {
        if (trace.conversationId() == null || trace.receivedAt() == null) {
            return List.of();
        }
        Map<String, Long> ids = state.indexed(StateTopology.TRACES_BY_CONVERSATION, trace.conversationId());
        List<String> later = ids.entrySet().stream()
                .filter(e -> e.getValue() > trace.receivedAt().toEpochMilli()
                        || e.getValue() == trace.receivedAt().toEpochMilli()
                        && e.getKey().compareTo(trace.interactionId()) > 0)
                .sorted(Map.Entry.comparingByValue()).limit(SEARCH_LIMIT).map(Map.Entry::getKey).toList();
        return later.stream().map(view.getAll(later)::get).filter(t -> t != null).toList();
    }

    private List<Trace> newest(Map<String, Long> ids) {
        List<String> chosen = ids.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(SEARCH_LIMIT).map(Map.Entry::getKey).toList();
        Map<String, Trace> found = view.getAll(chosen);
        return chosen.stream().map(found::get).filter(t -> t != null)
                .sorted(Comparator.comparing(Trace::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** Erasure: the trace keeps its ids and when it was erased, nothing of its author. */
    public void erase(String interactionId) {
        Trace trace = view.get(interactionId);
        if (trace != null && trace.erasedAt() == null) {
            view.put(interactionId, trace.erased(clock.instant()));
        }
    }

    /** Forgets the traces older than their retention, among those this instance holds. */
    public void expire() {
        int removed = state.removeOlderThan(StateTopology.TRACES, clock.instant().minus(retention));
        if (removed > 0) {
            LOG.info("Removed {} traces older than {}", removed, retention);
        }
    }
}
