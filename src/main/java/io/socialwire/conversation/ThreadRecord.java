package io.socialwire.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The record a conversation lives in: which system, which record, and the interaction that created it (so a
 * redelivered first interaction is recognised and not added to its own record as a follow-up).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThreadRecord(
        String conversationId,
        String system,
        String recordType,
        String recordId,
        String recordUrl,
        String createdBy,
        Instant at) {
}
