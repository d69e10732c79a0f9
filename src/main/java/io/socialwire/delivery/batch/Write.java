package io.socialwire.delivery.batch;

import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.Exchange;

/**
 * One interaction's write to a system of record, collected while its lane batch is routed and sent with the
 * others of its kind when the batch is flushed: a ServiceNow Table API request (record or journal entry), or a
 * Salesforce upsert by External ID. A write that continues a record created in the same batch waits for it.
 */
public final class Write {

    public enum Kind { SERVICENOW_RECORD, SERVICENOW_FOLLOW_UP, SALESFORCE_UPSERT }

    final Kind kind;
    final Exchange exchange;
    /** SN: the table; SF: the sObject type. */
    final String type;
    /** SF: the External ID field, its value among the fields. */
    final String externalIdField;
    final Map<String, Object> fields;
    /** SN follow-up: the record's sys_id, or null while {@link #parent} creates it. */
    final String recordId;
    final Write parent;
    private final Consumer<Write> onWritten;

    String writtenId;
    boolean created;
    boolean done;
    Throwable failure;

    Write(Kind kind, Exchange exchange, String type, String externalIdField, Map<String, Object> fields,
          String recordId, Write parent, Consumer<Write> onWritten) {
        this.kind = kind;
        this.exchange = exchange;
        this.type = type;
        this.externalIdField = externalIdField;
        this.fields = fields;
        this.recordId = recordId;
        this.parent = parent;
        this.onWritten = onWritten;
    }

    /** The system written to: salesforce or servicenow. */
    String target() {
        return kind == Kind.SALESFORCE_UPSERT ? "salesforce" : "servicenow";
    }

    /** Where the record this write creates lives, as the {@code record} header names it. */
    public String record() {
        return target() + ":" + type;
    }

    /** The record this write continues: its own, or the one its parent write created. */
    String targetRecordId() {
        return recordId != null ? recordId : parent == null ? null : parent.writtenId;
    }

    boolean isReady() {
        return !done && (parent == null || parent.done && parent.failure == null);
    }

    void written(String id, boolean wasCreated) {
        this.writtenId = id;
        this.created = wasCreated;
        this.done = true;
        onWritten.accept(this);
    }

    void failed(Throwable reason) {
        this.failure = reason;
        this.done = true;
    }
}
