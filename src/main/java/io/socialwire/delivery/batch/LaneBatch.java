package io.socialwire.delivery.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.Exchange;

/**
 * The writes of one lane batch (the records of one poll), collected while each record is routed and sent per
 * target when the batch is flushed. It also knows which conversations a write in this batch is creating, so a
 * follow-up in the same batch continues that record instead of creating a second one.
 */
public final class LaneBatch {

    public static final String PROPERTY = "laneBatch";

    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Write> creating = new HashMap<>();
    private final Map<String, Write> upserting = new HashMap<>();
    private final java.util.Set<String> interactions = new java.util.HashSet<>();
    private final List<Exchange> routed = new ArrayList<>();
    private boolean suspect;

    LaneBatch(boolean suspect) {
        this.suspect = suspect;
    }

    /**
     * True when the batch overlaps one that was being flushed when the hub stopped: some of its writes may have
     * landed, so ServiceNow writes (which are not upserts) are looked up before they are repeated.
     */
    boolean isSuspect() {
        return suspect;
    }

    /** A call whose outcome is unknown (a timeout, a connection lost): what it may have written is looked up. */
    void markSuspect() {
        suspect = true;
    }

    /** The write creating this conversation's record in this batch, or null. */
    public Write creating(String conversationId) {
        return creating.get(conversationId);
    }

    Write add(Write.Kind kind, Exchange exchange, String type, String externalIdField, Map<String, Object> fields,
              String recordId, Write parent, Consumer<Write> onWritten) {
        Write write = new Write(kind, exchange, type, externalIdField, fields, recordId, parent, onWritten);
        writes.add(write);
        return write;
    }

    void creates(String conversationId, Write write) {
        creating.put(conversationId, write);
    }

    /** The upsert of this External ID value in this batch, if any (Salesforce refuses one key twice in a call). */
    Write upserting(String type, String externalIdField, String value) {
        return upserting.get(type + "/" + externalIdField + "/" + value);
    }

    void upserts(String type, String externalIdField, String value, Write write) {
        upserting.put(type + "/" + externalIdField + "/" + value, write);
    }

    /** False when this interaction already has a write of this kind in the batch (it came twice). */
    boolean firstTime(String interactionId, String kind) {
        return interactions.add(kind + "/" + interactionId);
    }

    void routed(Exchange record) {
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
