package io.socialwire.delivery.batch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.conversation.Conversations;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.dispatch.Failures;
import io.socialwire.dispatch.KafkaBatches;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.sinks.IncidentMapper;
import io.socialwire.sinks.LeadMapper;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The batch steps of the delivery lanes (routes/deliver.camel.yaml). A lane consumes a batch of records (up to
 * {@code socialwire.delivery.batch-size}, or what arrived within {@code batch-wait-ms}); each record is routed
 * on its own by the YAML routes, whose sinks collect writes here instead of calling their target; the flush then
 * sends them per target in as few calls as the APIs allow: one ServiceNow Batch API call, and one Salesforce
 * sObject Collections upsert per object type and 200 records. A record a target refuses goes to the dead-letter
 * topic on its own; the others land. Offsets are committed once the whole batch is written or dead-lettered.
 */
@Component("laneBatches")
public class LaneBatches {

    /** The record's value and source headers as consumed, for the dead-letter topic. */
    static final String RECORD = "laneRecord";
    private static final String SALESFORCE = "salesforce";
    /** The record's own exchange: a kamelet works on a copy, and the write must report to the record's. */
    private static final String ROUTED = "laneRouted";
    /** Set by a route on a record: the endpoint its exchange goes to once the batch's writes are done. */
    public static final String AFTER_WRITE = "afterWrite";
    private static final Logger LOG = LoggerFactory.getLogger(LaneBatches.class);

    private final Conversations conversations;
    private final IncidentMapper incidents;
    private final LeadMapper leads;
    private final ServiceNowBatchApi serviceNow;
    private final SalesforceCollections salesforce;
    private final InFlightBatches inFlight;
    private final ProducerTemplate camel;
    private final Receipts receipts;

    public LaneBatches(Conversations conversations, IncidentMapper incidents, LeadMapper leads,
                       ServiceNowBatchApi serviceNow, SalesforceCollections salesforce, InFlightBatches inFlight,
                       ProducerTemplate camel, Receipts receipts) {
        this.receipts = receipts;
        this.conversations = conversations;
        this.incidents = incidents;
        this.leads = leads;
        this.serviceNow = serviceNow;
        this.salesforce = salesforce;
        this.inFlight = inFlight;
        this.camel = camel;
    }

    /** After {@code kafkaBatches.open}: the batch's writes, and whether it overlaps one cut short by a stop. */
    public void open(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Exchange> consumed = exchange.getProperty(KafkaBatches.CONSUMED, List.class);
        exchange.setProperty(LaneBatch.PROPERTY, new LaneBatch(inFlight.overlaps(consumed)));
    }

    /** First step for each record: keeps what was consumed, should the record be dead-lettered after the split. */
    public void record(Exchange exchange) {
        exchange.setProperty(RECORD, exchange.getMessage().copy());
        exchange.setProperty(ROUTED, exchange);
        batch(exchange).routed(exchange);
    }

    /** A new conversation's ServiceNow record (incident, HR case). */
    public void serviceNowRecord(Exchange exchange, String table, String category) {
        SocialInteraction interaction = interaction(exchange);
        if (repeated(exchange, "servicenow", false)) {
            return;
        }
        Map<String, Object> fields = incidents.record(interaction, category,
                exchange.getProperty(IdentityResolver.PERSON, Person.class));
        LaneBatch batch = batch(exchange);
        Write write = batch.add(Write.Kind.SERVICENOW_RECORD, routed(exchange), table, null, fields, null, null,
                w -> {
                    conversations.createdRecord(w.exchange, "servicenow", table, w.writtenId);
                    LOG.info("Interaction {} created {} {}", interaction.id(), table, w.writtenId);
                });
        batch.creates(interaction.conversationId(), write);
    }

    /** A follow-up as a journal entry on the conversation's ServiceNow record. */
    public void serviceNowFollowUp(Exchange exchange, String table) {
        if (repeated(exchange, "servicenow", false)) {
            return;
        }
        Write parent = parent(exchange);
        batch(exchange).add(Write.Kind.SERVICENOW_FOLLOW_UP, routed(exchange), table, null,
                incidents.followUp(interaction(exchange)), recordId(exchange), parent, w -> commented(w, parent));
    }

    /**
     * A new sales conversation of an author Salesforce does not know: their Lead, upserted by the person's key
     * (a second conversation of the same person in the batch continues on it). Salesforce saying the Lead
     * existed (an earlier conversation of this person) makes this interaction a Task on it.
     */
    public void salesforceLead(Exchange exchange, String externalIdField, String taskExternalIdField) {
        SocialInteraction interaction = interaction(exchange);
        if (repeated(exchange, "salesforce", false)) {
            return;
        }
        LaneBatch batch = batch(exchange);
        String personKey = leads.personKey(interaction);
        Write same = batch.upserting("Lead", externalIdField, personKey);
        if (same != null) {
            task(exchange, batch, taskExternalIdField, interaction.id(), null, same, w -> commented(w, same));
            return;
        }
        Map<String, Object> fields = leads.leadFields(interaction);
        fields.put(externalIdField, personKey);
        Write write = batch.add(Write.Kind.SALESFORCE_UPSERT, routed(exchange), "Lead", externalIdField, fields, null, null,
                w -> {
                    // the Lead existed: an earlier conversation's of the person (then a Task on it), or this very
                    // interaction's, written before a restart or by a call whose answer was lost (then it is recorded)
                    if (w.created || !conversations.isAnotherConversations(w.exchange, w.writtenId)) {
                        conversations.createdRecord(w.exchange, "salesforce", "Lead", w.writtenId);
                    } else {
                        conversations.adoptRecord(w.exchange, "salesforce", "Lead", w.writtenId);
                        task(w.exchange, batch, taskExternalIdField, interaction.id(), w.writtenId, null,
                                t -> conversations.commented(t.exchange));
                    }
                });
        batch.upserts("Lead", externalIdField, personKey, write);
        batch.creates(interaction.conversationId(), write);
    }

    /** A follow-up on the conversation's Lead: a completed Task on it, upserted by the interaction id. */
    public void salesforceFollowUp(Exchange exchange, String taskExternalIdField) {
        if (repeated(exchange, "salesforce", false)) {
            return;
        }
        Write parent = parent(exchange);
        task(exchange, batch(exchange), taskExternalIdField, interaction(exchange).id(), recordId(exchange), parent,
                w -> commented(w, parent));
    }

    /** The interaction logged as a completed Task on the author's Contact. */
    public void contactTask(Exchange exchange, String taskExternalIdField) {
        String contactId = exchange.getMessage().getHeader(IdentityResolver.PERSON_ID_HEADER, String.class);
        if (repeated(exchange, "salesforce", true)) {
            return;
        }
        task(exchange, batch(exchange), taskExternalIdField, "contact:" + interaction(exchange).id(), contactId, null,
                w -> conversations.linked(w.exchange, contactId));
    }

    /**
     * Sends the batch's writes, creations first, then what continues them. Ready writes go out together per
     * target; a record a target refuses is dead-lettered; a failure retrying can fix fails the step, which Camel
     * retries (writes done stay done), and at last the batch, which Kafka hands back.
     */
    public void flush(Exchange exchange) throws InterruptedException {
        LaneBatch batch = batch(exchange);
        if (batch.writes().isEmpty()) {
            return;
        }
        inFlight.flushing(exchange.getProperty(KafkaBatches.CONSUMED, List.class));
        RuntimeException retry = null;
        Set<String> failing = new HashSet<>(); // a target that failed is left alone until the retry
        while (true) {
            deadLetterOrphans(batch);
            List<Write> ready = batch.writes().stream().filter(Write::isReady).toList();
            if (ready.isEmpty()) {
                break;
            }
            List<Write> toServiceNow = ready.stream().filter(w -> w.kind != Write.Kind.SALESFORCE_UPSERT).toList();
            Map<String, List<Write>> toSalesforce = new LinkedHashMap<>();
            ready.stream().filter(w -> w.kind == Write.Kind.SALESFORCE_UPSERT).forEach(w -> toSalesforce
                    .computeIfAbsent(w.type + "/" + w.externalIdField, k -> new ArrayList<>()).add(w));
            int before = (int) batch.writes().stream().filter(w -> w.done).count();
            List<List<Write>> calls = new ArrayList<>();
            if (!toServiceNow.isEmpty()) {
                calls.add(toServiceNow);
            }
            calls.addAll(toSalesforce.values());
            // each target on its own: one that is down does not hold up the writes to the others
            for (List<Write> call : calls) {
                String target = call.get(0).target();
                if (failing.contains(target)) {
                    continue;
                }
                try {
                    if (target.equals(SALESFORCE)) {
                        writeSalesforce(call);
                    } else {
                        writeServiceNow(batch, call);
                    }
                } catch (RuntimeException e) {
                    if (Failures.isPermanentFailure(e)) {
                        call.stream().filter(w -> !w.done).forEach(w -> deadLetter(w, e));
                    } else {
                        retry = e;
                        failing.add(target);
                    }
                }
            }
            if (batch.writes().stream().filter(w -> w.done).count() == before) {
                break; // nothing moved: what is left waits for a retry
            }
        }
        if (retry != null || batch.writes().stream().anyMatch(w -> !w.done)) {
            throw retry != null ? retry : new IllegalStateException("writes left for a retry: a target said later");
        }
    }

    /**
     * After the flush: the steps a route left for once its record is written (property {@value #AFTER_WRITE}, an
     * endpoint), such as an alert that links the record, each record's once.
     */
    public void afterWrites(Exchange exchange) {
        for (Exchange record : batch(exchange).routed()) {
            String endpoint = record.getProperty(AFTER_WRITE, String.class);
            if (endpoint == null || record.getProperty(LaneBatch.PROPERTY, LaneBatch.class) == null) {
                continue;
            }
            Exchange done = camel.send(endpoint, record);
            if (done.getException() != null) {
                throw new IllegalStateException("after writing, " + endpoint + " failed", done.getException());
            }
            record.removeProperty(AFTER_WRITE);
        }
    }

    private void writeServiceNow(LaneBatch batch, List<Write> writes) throws InterruptedException {
        List<Write> lookUp = writes.stream().filter(w -> batch.isSuspect() || mayExist(w)).toList();
        List<Write> pending = new ArrayList<>(writes.stream().filter(w -> !lookUp.contains(w)).toList());
        if (!lookUp.isEmpty()) {
            pending.addAll(reconcile(lookUp));
        }
        if (pending.isEmpty()) {
            return;
        }
        List<ServiceNowBatchApi.Request> requests = new ArrayList<>();
        for (Write w : pending) {
            requests.add(w.kind == Write.Kind.SERVICENOW_RECORD
                    ? new ServiceNowBatchApi.Request("POST", "/now/table/" + w.type, w.fields)
                    : new ServiceNowBatchApi.Request("PATCH", "/now/table/" + w.type + "/" + w.targetRecordId(),
                            w.fields));
        }
        List<ServiceNowBatchApi.Response> responses;
        try {
            responses = serviceNow.send(requests);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof org.apache.camel.component.servicenow.ServiceNowException)) {
                batch.markSuspect(); // no answer: some of the writes may have landed
            }
            throw e;
        }
        RuntimeException later = null;
        for (int i = 0; i < pending.size(); i++) {
            Write w = pending.get(i);
            ServiceNowBatchApi.Response r = responses.get(i);
            if (r.ok()) {
                w.written(r.result().path("sys_id").asText(w.targetRecordId()), w.kind == Write.Kind.SERVICENOW_RECORD);
            } else if (Failures.isRetryableStatus(r.status()) || r.status() == 401 || r.status() == 403) {
                serviceNow.holdOff(r);
                later = new IllegalStateException("ServiceNow answered " + r.status() + " for a batched request",
                        r.failure());
            } else {
                deadLetter(w, new IllegalStateException(r.failure().getMessage(), r.failure()));
            }
        }
        if (later != null) {
            throw later;
        }
    }

    /**
     * A new conversation's record may exist although the index does not know it when this interaction is not the
     * conversation's first (a reply to a post from before the index, a direct message): ServiceNow is asked.
     */
    private static boolean mayExist(Write write) {
        SocialInteraction interaction = interaction(write.exchange);
        return write.kind == Write.Kind.SERVICENOW_RECORD && !interaction.id().equals(interaction.conversationId());
    }

    /**
     * After a restart inside a batch, or for a record that may exist: what ServiceNow has already (a record with the conversation's correlation
     * id, a journal entry naming the interaction) is adopted instead of written again. One call for the batch.
     */
    private List<Write> reconcile(List<Write> writes) throws InterruptedException {
        List<ServiceNowBatchApi.Request> lookups = new ArrayList<>();
        for (Write w : writes) {
            String query = w.kind == Write.Kind.SERVICENOW_RECORD
                    ? "correlation_id=" + interaction(w.exchange).conversationId()
                    : incidents.journalQuery(w.targetRecordId(), interaction(w.exchange).id());
            String table = w.kind == Write.Kind.SERVICENOW_RECORD ? w.type : "sys_journal_field";
            lookups.add(new ServiceNowBatchApi.Request("GET", "/now/table/" + table + "?sysparm_limit=1&sysparm_query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8), null));
        }
        List<ServiceNowBatchApi.Response> found = serviceNow.send(lookups);
        List<Write> pending = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            ServiceNowBatchApi.Response r = found.get(i);
            if (!r.ok()) {
                throw new IllegalStateException("ServiceNow lookup answered " + r.status(), r.failure());
            }
            if (r.result().isEmpty()) {
                pending.add(w);
            } else if (w.kind == Write.Kind.SERVICENOW_RECORD) {
                String sysId = r.result().get(0).path("sys_id").asText();
                String createdBy = SocialContext.createdBy(r.result().get(0).path("description").asText(null));
                if (interaction(w.exchange).id().equals(createdBy)) {
                    w.written(sysId, true);
                } else {
                    // another interaction of the conversation created it: this one is journaled on it
                    conversations.adoptRecord(w.exchange, "servicenow", w.type, sysId);
                    w.done = true;
                    LaneBatch batch = batch(w.exchange);
                    batch.add(Write.Kind.SERVICENOW_FOLLOW_UP, w.exchange, w.type, null,
                            incidents.followUp(interaction(w.exchange)), sysId, null,
                            f -> conversations.commented(f.exchange));
                }
            } else {
                w.written(w.targetRecordId(), false);
            }
        }
        return pending;
    }

    private void writeSalesforce(List<Write> writes) throws InterruptedException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Write w : writes) {
            Map<String, Object> fields = new LinkedHashMap<>(w.fields);
            if (fields.containsKey(LeadMapper.WHO) && fields.get(LeadMapper.WHO) == null) {
                fields.put(LeadMapper.WHO, w.targetRecordId());
            }
            records.add(fields);
        }
        Write first = writes.get(0);
        List<UpsertSObjectResult> results = salesforce.upsert(first.type, first.externalIdField, records);
        RuntimeException later = null;
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            UpsertSObjectResult r = results.get(i);
            if (Boolean.TRUE.equals(r.getSuccess())) {
                w.written(r.getId(), Boolean.TRUE.equals(r.getCreated()));
                continue;
            }
            List<RestError> errors = r.getErrors() == null ? List.of() : r.getErrors();
            SalesforceException refused = new SalesforceException(errors, 400);
            boolean transientError = errors.stream().anyMatch(e -> "UNABLE_TO_LOCK_ROW".equals(e.getErrorCode()));
            if (transientError || !Failures.isPermanentFailure(refused)) {
                later = new IllegalStateException("Salesforce asked to retry a " + w.type, refused);
            } else {
                deadLetter(w, new IllegalStateException(Failures.reason(refused), refused));
            }
        }
        if (later != null) {
            throw later;
        }
    }

    private void task(Exchange exchange, LaneBatch batch, String externalIdField, String key, String whoId,
                      Write parent, java.util.function.Consumer<Write> onWritten) {
        Map<String, Object> fields = leads.taskFields(interaction(exchange), whoId);
        fields.put(externalIdField, key);
        batch.add(Write.Kind.SALESFORCE_UPSERT, routed(exchange), "Task", externalIdField, fields, whoId, parent,
                onWritten);
    }

    private void commented(Write write, Write parent) {
        if (parent != null) {
            conversations.continueIn(write.exchange, conversations.thread(parent.exchange));
        }
        conversations.commented(write.exchange);
    }

    /** Writes whose record could not be created (it was dead-lettered) go the same way. */
    private void deadLetterOrphans(LaneBatch batch) {
        for (Write w : batch.writes()) {
            if (!w.done && w.parent != null && w.parent.done && w.parent.failure != null) {
                deadLetter(w, w.parent.failure);
            }
        }
    }

    private void deadLetter(Write write, Throwable reason) {
        write.failed(reason);
        Message record = write.exchange.getProperty(RECORD, Message.class);
        Exchange failed = camel.send("direct:dead-letter", e -> {
            e.getMessage().setBody(record.getBody());
            e.getMessage().setHeaders(new HashMap<>(record.getHeaders()));
            e.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
            e.setProperty(DeadLetters.TARGET_PROPERTY, write.exchange.getProperty(DeadLetters.TARGET_PROPERTY));
            e.setProperty(Conversations.INTERACTION, interaction(write.exchange));
        });
        if (failed.getException() != null) {
            throw new IllegalStateException("the dead-letter topic did not take a refused record",
                    failed.getException());
        }
    }

    /**
     * The same interaction again (a webhook delivered twice, a replay): written already, as its receipt says, or
     * being written in this batch. Nothing to do: the receipt is there or will be.
     */
    private boolean repeated(Exchange exchange, String system, boolean onContact) {
        String id = interaction(exchange).id();
        boolean written = receipts.of(id).stream().anyMatch(r -> r.system().equals(system)
                && (onContact ? r.action().equals("linked") : r.action().equals("created") || r.action().equals("commented")));
        return written || !batch(exchange).firstTime(id, system + (onContact ? ":contact" : ":record"));
    }

    private static Exchange routed(Exchange exchange) {
        Exchange routed = exchange.getProperty(ROUTED, Exchange.class);
        return routed != null ? routed : exchange;
    }

    private static Write parent(Exchange exchange) {
        return exchange.getProperty(Conversations.PENDING_RECORD, Write.class);
    }

    private static String recordId(Exchange exchange) {
        return exchange.getMessage().getHeader(Conversations.RECORD_ID_HEADER, String.class);
    }

    private static LaneBatch batch(Exchange exchange) {
        LaneBatch batch = exchange.getProperty(LaneBatch.PROPERTY, LaneBatch.class);
        if (batch == null) {
            throw new IllegalStateException("a batched sink was called outside a delivery lane's batch");
        }
        return batch;
    }

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }
}
