package io.socialwire.conversation;

import java.time.Clock;

import io.socialwire.delivery.DeliveryMetrics;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.targets.Targets;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The conversation steps of the routes. Each interaction is in one of three states, set as the
 * {@code conversation} header: {@code new} (no record yet: create one), {@code recorded} (this interaction created
 * the record already: a redelivery, nothing to do) or {@code follow-up} (add it to the record). The index is asked
 * first; when it knows nothing, the target is searched before anything is created. A conversation with a record also
 * gets the endpoint its record continues in (header {@code continueWith}, from {@code socialwire.targets}).
 */
@Component("conversations")
public class Conversations {

    public static final String STATE_HEADER = "conversation";
    public static final String RECORD_ID_HEADER = "recordId";
    public static final String CONVERSATION_ID_HEADER = "conversationId";
    /** Where the conversation's record is ({@code <system>:<type>}); none when new. */
    public static final String RECORD_HEADER = "record";
    /** The endpoint (a target's kamelet) that continues the conversation's record; none when new. */
    public static final String CONTINUE_HEADER = "continueWith";
    public static final String NEW = "new";
    public static final String RECORDED = "recorded";
    public static final String FOLLOW_UP = "follow-up";
    public static final String INTERACTION = "interaction";
    /** The write creating the conversation's record in the same lane batch, which a follow-up waits for. */
    public static final String PENDING_RECORD = "pendingRecord";

    private final ConversationIndex index;
    private final Receipts receipts;
    private final Targets targets;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    Conversations(ConversationIndex index, Receipts receipts, Targets targets, Clock clock, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.index = index;
        this.receipts = receipts;
        this.targets = targets;
        this.clock = clock;
    }

    /** Dispatch: what the index knows of this interaction's conversation. */
    public void lookup(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        exchange.setProperty(INTERACTION, interaction);
        exchange.getMessage().setHeader(CONVERSATION_ID_HEADER, interaction.conversationId());
        follow(exchange, index.find(interaction.conversationId()));
    }

    /**
     * The conversation's record is being created by another write in the same batch: this interaction continues it
     * once it exists ({@code record} names where, {@code recordId} is not known yet).
     */
    public void continueCreating(Exchange exchange, String system, String type) {
        exchange.getMessage().setHeader(STATE_HEADER, FOLLOW_UP);
        exchange.getMessage().setHeader(RECORD_ID_HEADER, null);
        exchange.getMessage().setHeader(RECORD_HEADER, system + ":" + type);
        exchange.getMessage().setHeader(CONTINUE_HEADER, targets.continueWith(system, type));
    }

    /**
     * A record that exists already becomes the conversation's: found in the target, or the person's record (a
     * Lead). {@code createdBy} is the interaction that created it, when the record says so: this very interaction's
     * record (written before a crash lost the index entry) is its record as created, not one to add to.
     */
    public void adopt(Exchange exchange, String system, String type, String id, String createdBy) {
        SocialInteraction interaction = interaction(exchange);
        ThreadRecord thread = new ThreadRecord(interaction.conversationId(), system, type, id,
                targets.recordUrl(system, type, id), createdBy, clock.instant(), replyTo(interaction));
        index.remember(thread);
        follow(exchange, thread);
    }

    /** A record this interaction created. */
    public void created(Exchange exchange, String system, String type, String id) {
        created(exchange, system, type, id, null);
    }

    /** A record this interaction created, with the number people know it by (null: none but its id). */
    public void created(Exchange exchange, String system, String type, String id, String number) {
        SocialInteraction interaction = interaction(exchange);
        ThreadRecord thread = new ThreadRecord(interaction.conversationId(), system, type, id,
                targets.recordUrl(system, type, id), interaction.id(), clock.instant(), replyTo(interaction), number);
        index.remember(thread);
        follow(exchange, thread);
        receipt(exchange, system, id, number, thread.recordUrl(), "created");
    }

    /**
     * After an upsert that found its record existing: true when it is another conversation's (a Task goes on it),
     * false when no other conversation has it, i.e. this interaction created it before a restart. (The upsert has
     * just overwritten the record's fields, so they cannot tell.)
     */
    public boolean isAnotherConversations(Exchange exchange, String recordId) {
        return index.isRecordOfAnother(recordId, interaction(exchange).conversationId());
    }

    /** A follow-up whose record was created in the same batch continues in it. */
    public void continueIn(Exchange exchange, ThreadRecord thread) {
        follow(exchange, thread);
    }

    /** A redelivered first interaction: its record exists; say so again, change nothing. */
    public void recorded(Exchange exchange) {
        ThreadRecord thread = thread(exchange);
        receipt(exchange, thread.system(), thread.recordId(), thread.number(), thread.recordUrl(), "created");
    }

    public void commented(Exchange exchange) {
        ThreadRecord thread = thread(exchange);
        receipt(exchange, thread.system(), thread.recordId(), thread.number(), thread.recordUrl(), "commented");
    }

    /** The interaction was logged on a record of its author's (a Contact), not on a conversation's record. */
    public void linked(Exchange exchange, String system, String type, String id) {
        receipt(exchange, system, id, targets.recordUrl(system, type, id), "linked");
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

    private void follow(Exchange exchange, ThreadRecord thread) {
        SocialInteraction interaction = interaction(exchange);
        exchange.setProperty("thread", thread);
        String state = thread == null ? NEW : interaction.id().equals(thread.createdBy()) ? RECORDED : FOLLOW_UP;
        exchange.getMessage().setHeader(STATE_HEADER, state);
        exchange.getMessage().setHeader(RECORD_ID_HEADER, thread == null ? null : thread.recordId());
        exchange.getMessage().setHeader(RECORD_HEADER, thread == null ? "none"
                : thread.system() + ":" + thread.recordType());
        exchange.getMessage().setHeader(CONTINUE_HEADER, thread == null ? null
                : targets.continueWith(thread.system(), thread.recordType()));
    }

    private void receipt(Exchange exchange, String system, String recordId, String url, String action) {
        receipt(exchange, system, recordId, null, url, action);
    }

    private void receipt(Exchange exchange, String system, String recordId, String number, String url,
                         String action) {
        SocialInteraction interaction = interaction(exchange);
        receipts.publish(interaction.id(), interaction.conversationId(), system, recordId, number, url, action);
        metrics.delivered(exchange, interaction, system, action);
    }

    private static ThreadRecord.ReplyTo replyTo(SocialInteraction interaction) {
        return new ThreadRecord.ReplyTo(interaction.channel(), interaction.kind(), interaction.externalId(),
                interaction.author() == null ? null : interaction.author().id(),
                interaction.author() == null ? null : interaction.author().handle(), interaction.id());
    }

    private static SocialInteraction interaction(Exchange exchange) {
        return exchange.getProperty(INTERACTION, SocialInteraction.class);
    }
}
