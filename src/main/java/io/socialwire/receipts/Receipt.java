package io.socialwire.receipts;

import java.time.Instant;

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

    public Receipt(String interactionId, String conversationId, String system, String recordId, String recordUrl,
                   String action, Instant at) {
        this(interactionId, conversationId, system, recordId, recordUrl, action, at, null);
    }
}
