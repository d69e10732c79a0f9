package io.socialwire.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's topics and how they are created when missing.
 *
 * @param interactions canonical interactions, keyed by conversation
 * @param dlq          records a target refused, reason in headers
 * @param threads      the conversation index (compacted): conversation to record
 * @param receipts     where each interaction went (compacted by interaction)
 * @param cursors      where each polling source stopped (compacted by source)
 * @param marketing    enriched marketing interactions, for analytics
 * @param dlqReplays   which dead letters were replayed, and when (compacted by DLQ offset)
 * @param deliveries   prefix of the delivery lanes, one topic per department ({@code <prefix>.<department>})
 * @param lanes        which lane each conversation was given (compacted): its messages stay in order there
 * @param inFlight     the offsets of each lane partition's batch being written (compacted by partition): a batch
 *                     overlapping them after a restart checks ServiceNow before writing again
 * @param replies      the outbox of agents' answers on their way back to the channels, keyed by conversation
 * @param repliesSent  how far each answer got (compacted by answer): posting, posted, noted on its record, refused
 * @param traces       what happened to each interaction at dispatch, for its trace (compacted by interaction,
 *                     deleted after the receipts' retention)
 * @param partitions   partitions of the interactions topic when the hub creates it, and of the state topics keyed
 *                     like it (conversation index, lanes, receipts)
 * @param lanePartitions partitions of each delivery lane when the hub creates it: how many of a lane's
 *                     conversations all instances deliver at once (each partition by one consumer, in order)
 * @param replicationFactor replicas of every topic the hub creates (1 on the embedded broker)
 */
@ConfigurationProperties("socialwire.topics")
public record TopicsProperties(
        @DefaultValue("socialwire.interactions") String interactions,
        @DefaultValue("socialwire.dlq") String dlq,
        @DefaultValue("socialwire.threads") String threads,
        @DefaultValue("socialwire.receipts") String receipts,
        @DefaultValue("socialwire.cursors") String cursors,
        @DefaultValue("socialwire.marketing") String marketing,
        @DefaultValue("socialwire.dlq-replays") String dlqReplays,
        @DefaultValue("socialwire.deliveries") String deliveries,
        @DefaultValue("socialwire.lanes") String lanes,
        @DefaultValue("socialwire.inflight") String inFlight,
        @DefaultValue("socialwire.replies") String replies,
        @DefaultValue("socialwire.replies-sent") String repliesSent,
        @DefaultValue("socialwire.traces") String traces,
        @DefaultValue("1") int partitions,
        @DefaultValue("1") int lanePartitions,
        @DefaultValue("1") short replicationFactor) {
}
