package io.socialwire.conversation;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.delivery.DeliveryMetrics;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.sinks.RecordUrls;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * The conversation steps of the routes. Each interaction is in one of three states, set as the
 * {@code conversation} header: {@code new} (no record yet: create one), {@code recorded} (this interaction created
 * the record already: a redelivery, nothing to do) or {@code follow-up} (add it to the record). The index is asked
 * first; when it knows nothing, the target is searched before anything is created.
 */
@Component("conversations")
public class Conversations {

    public static final String STATE_HEADER = "conversation";
    public static final String RECORD_ID_HEADER = "recordId";
    public static final String CONVERSATION_ID_HEADER = "conversationId";
    /** Where the conversation's record is ({@code servicenow:incident}, {@code salesforce:Lead}); none when new. */
    public static final String RECORD_HEADER = "record";
    public static final String NEW = "new";
    public static final String RECORDED = "recorded";
    public static final String FOLLOW_UP = "follow-up";
    public static final String INTERACTION = "interaction";
    /** The write creating the conversation's record in the same lane batch, which a follow-up waits for. */
    public static final String PENDING_RECORD = "pendingRecord";

    private final ConversationIndex index;
    private final Receipts receipts;
    private final RecordUrls urls;
    private final SalesforceQueries salesforce;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public Conversations(ConversationIndex index, Receipts receipts, RecordUrls urls, SalesforceQueries salesforce,
                         Clock clock, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.index = index;
        this.receipts = receipts;
        this.urls = urls;
        this.salesforce = salesforce;
        this.clock = clock;
    }

    /** Dispatch: what the index knows of this interaction's conversation. */
    public void lookup(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        exchange.setProperty(INTERACTION, interaction);
        exchange.getMessage().setHeader(CONVERSATION_ID_HEADER, interaction.conversationId());
        ThreadRecord thread = index.find(interaction.conversationId());
        LaneBatch batch = exchange.getProperty(LaneBatch.PROPERTY, LaneBatch.class);
        Write creating = thread != null || batch == null ? null : batch.creating(interaction.conversationId());
        if (creating == null) {
            follow(exchange, thread);
            return;
        }
        // its record is being created in this batch: continue it once it exists
        exchange.setProperty(PENDING_RECORD, creating);
        exchange.getMessage().setHeader(STATE_HEADER, FOLLOW_UP);
        exchange.getMessage().setHeader(RECORD_ID_HEADER, null);
        exchange.getMessage().setHeader(RECORD_HEADER, creating.record());
    }

    /** After a Salesforce search: adopt the record found, if any. */
    public void adoptSalesforceRecord(Exchange exchange, String type) {
        Optional<JsonNode> found = salesforce.firstRecord(exchange.getMessage().getBody(InputStream.class));
        found.ifPresent(r -> adopt(exchange, "salesforce", type, r.path("Id").asText(),
                SocialContext.createdBy(r.path("Description").asText(null))));
    }

    /** True when a raw Salesforce query result (the body) holds no record. */
    public boolean isNoRecord(Exchange exchange) {
        return salesforce.firstRecord(exchange.getMessage().getBody(InputStream.class)).isEmpty();
    }

    /**
     * A Salesforce record the author was matched to becomes the conversation's record; a Lead this very interaction
     * created (before a crash lost the index entry) is its record as created, not one to add a Task to.
     */
    public void adoptPerson(Exchange exchange, String type, String id) {
        Person person = exchange.getProperty(IdentityResolver.PERSON, Person.class);
        adopt(exchange, "salesforce", type, id, person != null && id.equals(person.id()) ? person.createdBy() : null);
    }

    /**
     * After an upsert by external id. Salesforce answers 201 with the id when it created the record, and 204
     * without one when the record already existed (another conversation of the same person got there first):
     * then the record is looked up and this interaction becomes a follow-up on it.
     */
    public void upsertedSalesforceRecord(Exchange exchange, String type, String externalIdField) {
        UpsertSObjectResult result = exchange.getMessage().getBody(UpsertSObjectResult.class);
        if (result != null && Boolean.TRUE.equals(result.getCreated()) && result.getId() != null) {
            created(exchange, "salesforce", type, result.getId());
            return;
        }
        String key = exchange.getMessage().getHeader("sObjectIdValue", String.class);
        JsonNode existing = salesforce.first("SELECT Id, Description FROM " + type + " WHERE " + externalIdField
                + " = " + SalesforceQueries.literal(key)).orElseThrow(() -> new IllegalStateException(
                        type + " upserted by " + externalIdField + " but not found"));
        adopt(exchange, "salesforce", type, existing.path("Id").asText(),
                SocialContext.createdBy(existing.path("Description").asText(null)));
    }

    /** A record this interaction created (a batched write). */
    public void createdRecord(Exchange exchange, String system, String type, String id) {
        created(exchange, system, type, id);
    }

    /**
     * After an upsert that found its record existing: true when it is another conversation's (a Task goes on it),
     * false when no other conversation has it, i.e. this interaction created it before a restart. (The upsert has
     * just overwritten the record's fields, so they cannot tell.)
     */
    public boolean isAnotherConversations(Exchange exchange, String recordId) {
        return index.isRecordOfAnother(recordId, interaction(exchange).conversationId());
    }

    /** A record that existed already becomes the conversation's (a batched upsert found it). */
    public void adoptRecord(Exchange exchange, String system, String type, String id) {
        adopt(exchange, system, type, id, null);
    }

    /** A follow-up whose record was created in the same batch continues in it. */
    public void continueIn(Exchange exchange, ThreadRecord thread) {
        follow(exchange, thread);
    }

    /** A redelivered first interaction: its record exists; say so again, change nothing. */
    public void recorded(Exchange exchange) {
        ThreadRecord thread = thread(exchange);
        receipt(exchange, thread.system(), thread.recordId(), thread.recordUrl(), "created");
    }

    public void commented(Exchange exchange) {
        ThreadRecord thread = thread(exchange);
        receipt(exchange, thread.system(), thread.recordId(), thread.recordUrl(), "commented");
    }

    /** The interaction was logged on the author's Contact. */
    public void linked(Exchange exchange, String contactId) {
        receipt(exchange, "salesforce", contactId, urls.salesforce("Contact", contactId), "linked");
    }

    /**
     * The interaction was handed to a target that keeps no record we can point at (a marketing system, an
     * analytics topic, an alert channel).
     */
    public void sent(Exchange exchange, String target, String where) {
        receipt(exchange, target, null, where, "sent");
    }

    public ThreadRecord thread(Exchange exchange) {
        return exchange.getProperty("thread", ThreadRecord.class);
    }

    private void adopt(Exchange exchange, String system, String type, String id, String createdBy) {
        SocialInteraction interaction = interaction(exchange);
        ThreadRecord thread = new ThreadRecord(interaction.conversationId(), system, type, id, url(system, type, id),
                createdBy, clock.instant());
        index.remember(thread);
        follow(exchange, thread);
    }

    private void created(Exchange exchange, String system, String type, String id) {
        SocialInteraction interaction = interaction(exchange);
        ThreadRecord thread = new ThreadRecord(interaction.conversationId(), system, type, id, url(system, type, id),
                interaction.id(), clock.instant());
        index.remember(thread);
        follow(exchange, thread);
        receipt(exchange, system, id, thread.recordUrl(), "created");
    }

    private void follow(Exchange exchange, ThreadRecord thread) {
        SocialInteraction interaction = interaction(exchange);
        exchange.setProperty("thread", thread);
        String state = thread == null ? NEW : interaction.id().equals(thread.createdBy()) ? RECORDED : FOLLOW_UP;
        exchange.getMessage().setHeader(STATE_HEADER, state);
        exchange.getMessage().setHeader(RECORD_ID_HEADER, thread == null ? null : thread.recordId());
        exchange.getMessage().setHeader(RECORD_HEADER, thread == null ? "none"
                : thread.system() + ":" + thread.recordType());
    }

    private void receipt(Exchange exchange, String system, String recordId, String url, String action) {
        SocialInteraction interaction = interaction(exchange);
        receipts.publish(interaction.id(), interaction.conversationId(), system, recordId, url, action);
        metrics.delivered(exchange, interaction, system, action);
    }

    private String url(String system, String type, String id) {
        return system.equals("servicenow") ? urls.serviceNow(type, id) : urls.salesforce(type, id);
    }

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(INTERACTION, SocialInteraction.class);
    }
}
