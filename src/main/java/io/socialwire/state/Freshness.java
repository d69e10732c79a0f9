package io.socialwire.state;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Whether this instance's copy of a state partition has every write that was in Kafka when it took the partition
 * over. Kafka Streams reports RUNNING once it has restored a table up to its committed offset; what was written after
 * that offset (the last seconds before a crash, or all of it for a new application) is read afterwards, like new
 * writes. Reading the store before then could miss a conversation's record (the CAMEL-20218 pitfall: an idempotency
 * store that comes up empty). So a partition is fresh once the table has applied the partition's end offset as it
 * was at the first read after the take-over, or the application's committed offset is past it (everything before
 * the committed offset is restored before Kafka Streams reports RUNNING).
 */
final class Freshness {

    private final Admin admin;
    private final String applicationId;
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    private final Set<TopicPartition> fresh = ConcurrentHashMap.newKeySet();

    Freshness(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /** The last step of each table: notes the offset of every record it applied. */
    ProcessorSupplier<String, String, Void, Void> recorder() {
        return () -> new Processor<>() {
            private ProcessorContext<Void, Void> context;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                context.recordMetadata().ifPresent(m ->
                        applied.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max));
            }
        };
    }

    /** Partitions may have moved: each is checked again at its next read. */
    void reassigned() {
        fresh.clear();
        targets.clear();
    }

    boolean isFresh(TopicPartition partition) {
        if (fresh.contains(partition)) {
            return true;
        }
        long target = targets.computeIfAbsent(partition, this::endOffset);
        if (applied.getOrDefault(partition, -1L) >= target - 1 || committed(partition) >= target) {
            fresh.add(partition);
            return true;
        }
        return false;
    }

    private long committed(TopicPartition partition) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the state's committed offsets", e.getCause());
        }
    }

    private long endOffset(TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                    .offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offset of " + partition, e.getCause());
        }
    }
}
