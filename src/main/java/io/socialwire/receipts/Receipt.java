package io.socialwire.receipts;

import java.time.Instant;
import java.util.Set;

/**
 * Where an interaction went, published to {@code socialwire.receipts}.
 *
 * @param number the number people know the record by, when its system has one besides its id (INC0010001)
 * @param action created (a new record), commented (added to the conversation's record), linked (logged on the
 *               known person's Contact) or sent (handed to a target that keeps no record we link to)
 */
public record Receipt(
        String interactionId,
        String conversationId,
        String system,
        String recordId,
        String recordUrl,
        String action,
        Instant at,
        String number) {

    /** The actions of a receipt that is a record in a target; the others ({@code replied}...) are replies sent back. */
    public static final Set<String> RECORD_ACTIONS = Set.of("created", "commented", "linked", "sent");

    public Receipt(String interactionId, String conversationId, String system, String recordId, String recordUrl,
                   String action, Instant at) {
        this(interactionId, conversationId, system, recordId, recordUrl, action, at, null);
    }
}
