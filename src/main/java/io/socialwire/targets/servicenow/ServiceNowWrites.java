package io.socialwire.targets.servicenow;

import java.util.Map;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The writes the ServiceNow record sink collects (routes/kamelets/servicenow-record-sink.kamelet.yaml): a new
 * conversation's record in any task table, follow-ups as journal entries on it. The lane batch's flush sends them
 * through routes/targets/servicenow.camel.yaml.
 */
@Component("serviceNowWrites")
public class ServiceNowWrites {

    private static final String SYSTEM = ServiceNowBatch.SYSTEM;
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowWrites.class);

    private final Conversations conversations;
    private final IncidentMapper incidents;
    private final Receipts receipts;

    ServiceNowWrites(Conversations conversations, IncidentMapper incidents, Receipts receipts) {
        this.conversations = conversations;
        this.incidents = incidents;
        this.receipts = receipts;
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
            conversations.created(w.exchange(), SYSTEM, table, w.writtenId(), w.writtenNumber());
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

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
    }
}
