package io.socialwire.delivery.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.conversation.Conversations;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import org.apache.camel.Exchange;

/**
 * The writes of one lane batch (the records of one poll), collected while each record is routed and sent per
 * target when the batch is flushed. It also knows which conversations a write in this batch is creating, so a
 * follow-up in the same batch continues that record instead of creating a second one.
 */
public final class LaneBatch {

    public static final String PROPERTY = "laneBatch";
    /** The record's own exchange: a kamelet works on a copy, and the write must report to the record's. */
    static final String ROUTED = "laneRouted";

    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Write> creating = new HashMap<>();
    private final Map<String, Write> matching = new HashMap<>();
    private final Set<String> interactions = new HashSet<>();
    private final List<Exchange> routed = new ArrayList<>();
    private boolean suspect;

    public LaneBatch(boolean suspect) {
        this.suspect = suspect;
    }

    /** The batch a sink was called in. */
    public static LaneBatch of(Exchange exchange) {
        LaneBatch batch = exchange.getProperty(PROPERTY, LaneBatch.class);
        if (batch == null) {
            throw new IllegalStateException("a batched sink was called outside a delivery lane's batch");
        }
        return batch;
    }

    /**
     * True when the batch overlaps one that was being flushed when the hub stopped, or a call's outcome is unknown:
     * some of its writes may have landed, so writes that are not upserts are looked up before they are repeated.
     */
    public boolean isSuspect() {
        return suspect;
    }

    /** A call whose outcome is unknown (a timeout, a connection lost): what it may have written is looked up. */
    public void markSuspect() {
        suspect = true;
    }

    /** The write creating this conversation's record in this batch, or null. */
    public Write creating(String conversationId) {
        return creating.get(conversationId);
    }

    /**
     * Adds a write for the record's exchange ({@code write.exchange()} is the record's own, see {@link #routed}); a
     * write that creates the conversation's record is what later records of the conversation continue.
     */
    public Write add(Write write) {
        writes.add(write);
        if (write.creates()) {
            creating.put(write.interaction().conversationId(), write);
        }
        return write;
    }

    /** The write in this batch that writes the record matched by {@code key} (one upsert key per call), if any. */
    public Write matching(String key) {
        return matching.get(key);
    }

    public void matches(String key, Write write) {
        matching.put(key, write);
    }

    /**
     * The same interaction again (a webhook delivered twice, a replay): written to {@code system} already, as its
     * receipt says, or being written in this batch. Nothing to do: the receipt is there or will be.
     */
    public boolean repeated(Exchange exchange, Receipts receipts, String system, boolean onContact) {
        String id = interaction(exchange).id();
        boolean written = receipts.of(id).stream().anyMatch(r -> r.system().equals(system)
                && (onContact ? r.action().equals("linked")
                        : r.action().equals("created") || r.action().equals("commented")));
        return written || !interactions.add(system + (onContact ? ":contact/" : ":record/") + id);
    }

    /** The exchange the write reports to: the record's own, not a kamelet's copy of it. */
    public static Exchange routed(Exchange exchange) {
        Exchange routed = exchange.getProperty(ROUTED, Exchange.class);
        return routed != null ? routed : exchange;
    }

    /** The write creating the record this follow-up continues, when it is created in the same batch. */
    public static Write parent(Exchange exchange) {
        return exchange.getProperty(Conversations.PENDING_RECORD, Write.class);
    }

    /** The record this follow-up continues, when it exists already. */
    public static String recordId(Exchange exchange) {
        return exchange.getMessage().getHeader(Conversations.RECORD_ID_HEADER, String.class);
    }

    static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }

    void add(Exchange record) {
        routed.add(record);
    }

    /** The exchange of each record of the batch, as its route left it. */
    List<Exchange> routed() {
        return routed;
    }

    List<Write> writes() {
        return writes;
    }
}
