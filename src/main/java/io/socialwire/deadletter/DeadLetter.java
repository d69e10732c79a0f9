package io.socialwire.deadletter;

import java.time.Instant;

/**
 * One record of {@code socialwire.dlq} as an operator sees it: where it is, why it was refused and whether it was
 * replayed. The record's content (the post) is not shown.
 */
public record DeadLetter(
        long offset,
        String interactionId,
        String target,
        String reason,
        int attempts,
        Instant failedAt,
        String source,
        Instant replayedAt) {

    DeadLetter replayedAt(Instant at) {
        return new DeadLetter(offset, interactionId, target, reason, attempts, failedAt, source, at);
    }
}
