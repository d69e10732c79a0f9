package io.socialwire.targets.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.BatchWriter;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.dispatch.Failures;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.sinks.http.TargetRefusedException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * Salesforce's batched writes (routes/kamelets/salesforce-lead-sink and salesforce-contact-task-sink): Leads by the
 * person's key, Tasks by the interaction's, each sObject type of a lane batch in one sObject Collections upsert per
 * 200 records. Upserts are idempotent, so a redelivered batch writes nothing twice.
 */
@Component("salesforceWrites")
public class SalesforceWrites implements BatchWriter {

    static final String SYSTEM = "salesforce";

    private final Conversations conversations;
    private final LeadMapper leads;
    private final SalesforceCollections salesforce;
    private final Receipts receipts;
    private final Failures failures;

    SalesforceWrites(Conversations conversations, LeadMapper leads, SalesforceCollections salesforce,
                     Receipts receipts, Failures failures) {
        this.conversations = conversations;
        this.leads = leads;
        this.salesforce = salesforce;
        this.receipts = receipts;
        this.failures = failures;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /**
     * A new sales conversation of an author Salesforce does not know: their Lead, upserted by the person's key
     * (a second conversation of the same person in the batch continues on it). Salesforce saying the Lead
     * existed (an earlier conversation of this person) makes this interaction a Task on it.
     */
    public void lead(Exchange exchange, String externalIdField, String taskExternalIdField) {
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.repeated(exchange, receipts, SYSTEM, false)) {
            return;
        }
        SocialInteraction interaction = interaction(exchange);
        String personKey = leads.personKey(interaction);
        String matchKey = "Lead/" + externalIdField + "/" + personKey;
        Write same = batch.matching(matchKey);
        if (same != null) {
            task(exchange, batch, taskExternalIdField, interaction.id(), null, same, w -> commented(w, same));
            return;
        }
        Map<String, Object> fields = leads.leadFields(interaction);
        fields.put(externalIdField, personKey);
        Write write = batch.add(new Write(SYSTEM, "Lead/" + externalIdField, true, LaneBatch.routed(exchange), "Lead",
                externalIdField, fields, null, null, w -> {
                    // the Lead existed: an earlier conversation's of the person (then a Task on it), or this very
                    // interaction's, written before a restart or by a call whose answer was lost (then it is recorded)
                    if (w.wasCreated() || !conversations.isAnotherConversations(w.exchange(), w.writtenId())) {
                        conversations.created(w.exchange(), SYSTEM, "Lead", w.writtenId());
                    } else {
                        conversations.adopt(w.exchange(), SYSTEM, "Lead", w.writtenId(), null);
                        task(w.exchange(), batch, taskExternalIdField, interaction.id(), w.writtenId(), null,
                                t -> conversations.commented(t.exchange()));
                    }
                }));
        batch.matches(matchKey, write);
    }

    /** A follow-up on the conversation's Lead: a completed Task on it, upserted by the interaction id. */
    public void followUp(Exchange exchange, String taskExternalIdField) {
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.repeated(exchange, receipts, SYSTEM, false)) {
            return;
        }
        Write parent = LaneBatch.parent(exchange);
        task(exchange, batch, taskExternalIdField, interaction(exchange).id(), LaneBatch.recordId(exchange), parent,
                w -> commented(w, parent));
    }

    /** The interaction logged as a completed Task on the author's Contact. */
    public void contactTask(Exchange exchange, String taskExternalIdField) {
        String contactId = exchange.getMessage().getHeader(IdentityResolver.PERSON_ID_HEADER, String.class);
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.repeated(exchange, receipts, SYSTEM, true)) {
            return;
        }
        task(exchange, batch, taskExternalIdField, "contact:" + interaction(exchange).id(), contactId, null,
                w -> conversations.linked(w.exchange(), SYSTEM, "Contact", contactId));
    }

    @Override
    public void write(LaneBatch batch, List<Write> writes) throws InterruptedException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Write w : writes) {
            Map<String, Object> fields = new LinkedHashMap<>(w.fields());
            if (fields.containsKey(LeadMapper.WHO) && fields.get(LeadMapper.WHO) == null) {
                fields.put(LeadMapper.WHO, w.targetRecordId());
            }
            records.add(fields);
        }
        Write first = writes.get(0);
        List<UpsertSObjectResult> results = salesforce.upsert(first.type(), first.matchBy(), records);
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
            if (!failures.isPermanentFailure(refused, SYSTEM)) {
                later = new IllegalStateException("Salesforce asked to retry a " + w.type(), refused);
            } else {
                w.refused(new TargetRefusedException(400, "Salesforce 400: " + errors.stream()
                        .map(e -> e.getErrorCode() + " " + e.getMessage()).reduce((a, b) -> a + "; " + b)
                        .orElse("no error details")));
            }
        }
        if (later != null) {
            throw later;
        }
    }

    private void task(Exchange exchange, LaneBatch batch, String externalIdField, String key, String whoId,
                      Write parent, Consumer<Write> onWritten) {
        Map<String, Object> fields = leads.taskFields(interaction(exchange), whoId);
        fields.put(externalIdField, key);
        batch.add(new Write(SYSTEM, "Task/" + externalIdField, false, LaneBatch.routed(exchange), "Task",
                externalIdField, fields, whoId, parent, onWritten));
    }

    private void commented(Write write, Write parent) {
        if (parent != null) {
            conversations.continueIn(write.exchange(), conversations.thread(parent.exchange()));
        }
        conversations.commented(write.exchange());
    }

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }
}
