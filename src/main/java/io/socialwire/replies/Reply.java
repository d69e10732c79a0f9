package io.socialwire.replies;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.socialwire.conversation.ThreadRecord;

/**
 * An agent's public answer in a record the hub created, on its way back to the conversation on its channel.
 *
 * @param id        the answer's id in its system ({@code <system>:<entry id>}): each is posted once
 * @param agent     who wrote it in the system of record (never sent to the channel)
 * @param writtenAt when the agent wrote it, for the reply latency
 * @param to        the post or message it answers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reply(
        String id,
        String system,
        String recordType,
        String recordId,
        String conversationId,
        String text,
        String agent,
        Instant writtenAt,
        ThreadRecord.ReplyTo to) {
}
