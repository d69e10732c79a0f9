package io.socialwire.targets.servicenow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.BatchWriter;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.dispatch.Failures;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.servicenow.ServiceNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ServiceNow's batched writes (routes/kamelets/servicenow-record-sink.kamelet.yaml): a new conversation's record in
 * any task table, follow-ups as journal entries on it, all of a lane batch in one Batch API call. A record that may
 * exist although the index does not know it (the batch overlaps one cut short, or the interaction is not its
 * conversation's first) is looked up first, in one call for the batch, and adopted instead of written again.
 */
@Component("serviceNowWrites")
public class ServiceNowWrites implements BatchWriter {

    static final String SYSTEM = "servicenow";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowWrites.class);

    private final Conversations conversations;
    private final IncidentMapper incidents;
    private final ServiceNowBatchApi serviceNow;
    private final Receipts receipts;

    ServiceNowWrites(Conversations conversations, IncidentMapper incidents, ServiceNowBatchApi serviceNow,
                     Receipts receipts) {
        this.conversations = conversations;
        this.incidents = incidents;
        this.serviceNow = serviceNow;
        this.receipts = receipts;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /** A new conversation's ServiceNow record (incident, HR case). */
    public void record(Exchange exchange, String table, String category) {
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.repeated(exchange, receipts, SYSTEM, false)) {
            return;
        }
        SocialInteraction interaction = interaction(exchange);
        Map<String, Object> fields = incidents.record(interaction, category,
                exchange.getProperty(IdentityResolver.PERSON, Person.class));
        batch.add(new Write(SYSTEM, "batch", true, LaneBatch.routed(exchange), table, null, fields, null, null, w -> {
            conversations.created(w.exchange(), SYSTEM, table, w.writtenId());
            LOG.info("Interaction {} created {} {}", interaction.id(), table, w.writtenId());
        }));
    }

    /** A follow-up as a journal entry on the conversation's ServiceNow record. */
    public void followUp(Exchange exchange, String table) {
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.repeated(exchange, receipts, SYSTEM, false)) {
            return;
        }
        Write parent = LaneBatch.parent(exchange);
        batch.add(new Write(SYSTEM, "batch", false, LaneBatch.routed(exchange), table, null,
                incidents.followUp(interaction(exchange)), LaneBatch.recordId(exchange), parent, w -> {
                    if (parent != null) {
                        conversations.continueIn(w.exchange(), conversations.thread(parent.exchange()));
                    }
                    conversations.commented(w.exchange());
                }));
    }

    @Override
    public void write(LaneBatch batch, List<Write> writes) throws InterruptedException {
        List<Write> lookUp = writes.stream().filter(w -> batch.isSuspect() || mayExist(w)).toList();
        List<Write> pending = new ArrayList<>(writes.stream().filter(w -> !lookUp.contains(w)).toList());
        if (!lookUp.isEmpty()) {
            pending.addAll(reconcile(batch, lookUp));
        }
        if (pending.isEmpty()) {
            return;
        }
        List<ServiceNowBatchApi.Request> requests = new ArrayList<>();
        for (Write w : pending) {
            requests.add(w.creates()
                    ? new ServiceNowBatchApi.Request("POST", "/now/table/" + w.type(), w.fields())
                    : new ServiceNowBatchApi.Request("PATCH", "/now/table/" + w.type() + "/" + w.targetRecordId(),
                            w.fields()));
        }
        List<ServiceNowBatchApi.Response> responses;
        try {
            responses = serviceNow.send(requests);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof ServiceNowException)) {
                batch.markSuspect(); // no answer: some of the writes may have landed
            }
            throw e;
        }
        RuntimeException later = null;
        for (int i = 0; i < pending.size(); i++) {
            Write w = pending.get(i);
            ServiceNowBatchApi.Response r = responses.get(i);
            if (r.ok()) {
                w.written(r.result().path("sys_id").asText(w.targetRecordId()), w.creates());
            } else if (Failures.isRetryableStatus(r.status()) || r.status() == 401 || r.status() == 403) {
                serviceNow.holdOff(r);
                later = new IllegalStateException("ServiceNow answered " + r.status() + " for a batched request",
                        r.failure());
            } else {
                w.refused(new IllegalStateException(r.failure().getMessage(), r.failure()));
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
        SocialInteraction interaction = write.interaction();
        return write.creates() && !interaction.id().equals(interaction.conversationId());
    }

    /**
     * After a restart inside a batch, or for a record that may exist: what ServiceNow has already (a record with the
     * conversation's correlation id, a journal entry naming the interaction) is adopted instead of written again.
     * One call for the batch.
     */
    private List<Write> reconcile(LaneBatch batch, List<Write> writes) throws InterruptedException {
        List<ServiceNowBatchApi.Request> lookups = new ArrayList<>();
        for (Write w : writes) {
            String query = w.creates() ? "correlation_id=" + w.interaction().conversationId()
                    : incidents.journalQuery(w.targetRecordId(), w.interaction().id());
            String table = w.creates() ? w.type() : "sys_journal_field";
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
            } else if (w.creates()) {
                String sysId = r.result().get(0).path("sys_id").asText();
                String createdBy = SocialContext.createdBy(r.result().get(0).path("description").asText(null));
                if (w.interaction().id().equals(createdBy)) {
                    w.written(sysId, true);
                } else {
                    // another interaction of the conversation created it: this one is journaled on it
                    conversations.adopt(w.exchange(), SYSTEM, w.type(), sysId, null);
                    w.settled();
                    batch.add(new Write(SYSTEM, "batch", false, w.exchange(), w.type(), null,
                            incidents.followUp(w.interaction()), sysId, null,
                            f -> conversations.commented(f.exchange())));
                }
            } else {
                w.written(w.targetRecordId(), false);
            }
        }
        return pending;
    }

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }
}
