package io.socialwire.delivery.batch;

import java.util.Map;
import java.util.function.Consumer;

import io.socialwire.conversation.Conversations;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;

/**
 * One interaction's write to a system of record, collected while its lane batch is routed and sent with the others
 * of its system and group when the batch is flushed (by the system's batch-write route). A write that continues a
 * record created in the same batch waits for it.
 */
public final class Write {

    private final String system;
    private final String group;
    private final boolean creates;
    private final Exchange exchange;
    private final String type;
    private final String matchBy;
    private final Map<String, Object> fields;
    private final String recordId;
    private final Write parent;
    private final Consumer<Write> onWritten;

    private String writtenId;
    private String writtenNumber;
    private boolean created;
    private boolean landed;
    private boolean done;
    private Throwable failure;
    private Throwable refusal;

    /**
     * @param system    the system of record, as {@code socialwire.targets} names it
     * @param group     writes of one system and group go out in one call (e.g. one sObject type)
     * @param creates   true when the write creates the conversation's record
     * @param type      the record type written (a table, an sObject type)
     * @param matchBy   the field the target matches the record by (an upsert's External ID), or null
     * @param fields    what is written
     * @param recordId  the record a follow-up continues, or null while {@code parent} creates it
     * @param onWritten what follows once the target has it (receipts, the index)
     */
    public Write(String system, String group, boolean creates, Exchange exchange, String type, String matchBy,
                 Map<String, Object> fields, String recordId, Write parent, Consumer<Write> onWritten) {
        this.system = system;
        this.group = group;
        this.creates = creates;
        this.exchange = exchange;
        this.type = type;
        this.matchBy = matchBy;
        this.fields = fields;
        this.recordId = recordId;
        this.parent = parent;
        this.onWritten = onWritten;
    }

    public String system() {
        return system;
    }

    public String group() {
        return group;
    }

    public boolean creates() {
        return creates;
    }

    public Exchange exchange() {
        return exchange;
    }

    public String type() {
        return type;
    }

    public String matchBy() {
        return matchBy;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public SocialInteraction interaction() {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }

    /** Where the record this write creates lives, as the {@code record} header names it. */
    public String record() {
        return system + ":" + type;
    }

    /** The record this write continues: its own, or the one its parent write created. */
    public String targetRecordId() {
        return recordId != null ? recordId : parent == null ? null : parent.writtenId;
    }

    public String writtenId() {
        return writtenId;
    }

    /** The number people know the written record by, when its system gives one besides its id (INC0010001). */
    public String writtenNumber() {
        return writtenNumber;
    }

    public boolean wasCreated() {
        return created;
    }

    /** The target has it, whether or not what follows (index, receipt) is done yet: it is not sent again. */
    public boolean hasLanded() {
        return landed;
    }

    /** The target has it and what follows it (index, receipt) is done, or it was dead-lettered. */
    public boolean isDone() {
        return done;
    }

    Write parent() {
        return parent;
    }

    Throwable failure() {
        return failure;
    }

    boolean isReady() {
        return !landed && !done && (parent == null || parent.done && parent.failure == null);
    }

    /**
     * The target has it: {@code id} is the record written, {@code wasCreated} whether the call created it. Done once
     * what follows (index, receipt) is: if that fails (a state store's owner not answering while partitions move),
     * the write stays not done, and the batch's retry does it again without writing the record again.
     */
    public void written(String id, boolean wasCreated) {
        written(id, null, wasCreated);
    }

    /** As {@link #written(String, boolean)}, with the record's number (null: none but its id). */
    public void written(String id, String number, boolean wasCreated) {
        this.writtenId = id;
        this.writtenNumber = number;
        this.created = wasCreated;
        this.landed = true;
        followUp();
    }

    /** What follows the write, again after it failed: the index, the receipt. */
    void followUp() {
        onWritten.accept(this);
        this.done = true;
    }

    /** Landed, but what follows it failed: the batch's retry does that again. */
    boolean awaitsFollowUp() {
        return landed && !done;
    }

    /** Done without a call of its own (another write covers it). */
    public void settled() {
        this.landed = true;
        this.done = true;
    }

    /** The target refused this record: it goes to the dead-letter topic with {@code reason}. */
    public void refused(Throwable reason) {
        this.refusal = reason;
    }

    Throwable refusal() {
        return refusal;
    }

    void failed(Throwable reason) {
        this.failure = reason;
        this.done = true;
    }
}
