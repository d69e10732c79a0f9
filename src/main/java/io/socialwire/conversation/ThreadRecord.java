package io.socialwire.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The record a conversation lives in: which system, which record, and the interaction that created it (so a
 * redelivered first interaction is recognised and not added to its own record as a follow-up). {@code replyTo} is
 * where an agent's answer in the record goes back to on the channel (null for records written before replies);
 * {@code number} the number people know the record by, when its system has one besides its id (null otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThreadRecord(
        String conversationId,
        String system,
        String recordType,
        String recordId,
        String recordUrl,
        String createdBy,
        Instant at,
        ReplyTo replyTo,
        String number) {

    public ThreadRecord(String conversationId, String system, String recordType, String recordId, String recordUrl,
                        String createdBy, Instant at) {
        this(conversationId, system, recordType, recordId, recordUrl, createdBy, at, null, null);
    }

    public ThreadRecord(String conversationId, String system, String recordType, String recordId, String recordUrl,
                        String createdBy, Instant at, ReplyTo replyTo) {
        this(conversationId, system, recordType, recordId, recordUrl, createdBy, at, replyTo, null);
    }

    /** The post or message an answer replies to: its channel, kind and id there, its author, and its interaction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReplyTo(String channel, String kind, String externalId, String authorId, String authorHandle,
                          String interactionId) {
    }
}
