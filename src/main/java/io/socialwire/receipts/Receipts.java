package io.socialwire.receipts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The receipts of every interaction: the state store {@code receipts}, kept in the compacted topic
 * {@code socialwire.receipts} keyed by interaction id (the value lists each place it went, so compaction keeps all of
 * them) for {@code socialwire.state.receipt-retention}. Publishing the same receipt again, as a redelivery does,
 * changes nothing.
 */
@Component
public class Receipts {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);

    private final HubState state;
    private final KeyedState<Receipt[]> view;
    private final Clock clock;
    private final Duration retention;

    public Receipts(HubState state, ObjectMapper json, Clock clock,
                    @Value("${socialwire.state.receipt-retention:30d}") Duration retention) {
        this.state = state;
        this.clock = clock;
        this.retention = retention;
        this.view = state.store(StateTopology.RECEIPTS, json, Receipt[].class);
    }

    /** Forgets the receipts older than their retention, among those this instance holds. */
    public void expire() {
        int removed = state.removeOlderThan(StateTopology.RECEIPTS, clock.instant().minus(retention));
        if (removed > 0) {
            LOG.info("Removed {} receipts older than {}", removed, retention);
        }
    }

    public Receipt publish(String interactionId, String conversationId, String system, String recordId,
                           String recordUrl, String action) {
        return publish(interactionId, conversationId, system, recordId, null, recordUrl, action);
    }

    /** @param number the number people know the record by, when its system has one besides its id, else null */
    public Receipt publish(String interactionId, String conversationId, String system, String recordId,
                           String number, String recordUrl, String action) {
        List<Receipt> all = new ArrayList<>(of(interactionId));
        Receipt receipt = new Receipt(interactionId, conversationId, system, recordId, recordUrl, action,
                clock.instant(), number);
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

    /** The receipts of several interactions at once: each owner is asked once for its share. */
    public java.util.Map<String, Receipt[]> ofAll(java.util.Collection<String> interactionIds) {
        return view.getAll(interactionIds);
    }
}
