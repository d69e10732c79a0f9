package io.socialwire.targets.salesforce;

import java.util.Map;
import java.util.function.Consumer;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The writes the Salesforce Lead and Contact Task sinks collect (routes/kamelets/salesforce-lead-sink and
 * salesforce-contact-task-sink): Leads by the person's key, Tasks by the interaction's. The lane batch's flush sends
 * them through routes/targets/salesforce.camel.yaml; upserts are idempotent, so a redelivered batch writes nothing
 * twice.
 */
@Component("salesforceWrites")
public class SalesforceWrites {

    static final String SYSTEM = "salesforce";

    private final Conversations conversations;
    private final LeadMapper leads;
    private final Receipts receipts;

    SalesforceWrites(Conversations conversations, LeadMapper leads, Receipts receipts) {
        this.conversations = conversations;
        this.leads = leads;
        this.receipts = receipts;
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
