package io.socialwire.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic's records and offsets directly from the broker, outside the hub's own consumers. */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String bootstrap;

    public TopicProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p);
    }

    /** Records in the topic, summed over partitions; 0 when the topic does not exist yet. */
    public long endOffset(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    public List<ConsumerRecord<String, String>> readAll(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long end = endOffset(topic);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (records.size() < end && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    public long committedOffset(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when dispatch has committed every interaction and every delivery lane every record handed to it:
     * nothing is in flight anywhere in the hub.
     */
    public boolean allDelivered() {
        if (committedOffset("socialwire-dispatch", "socialwire.interactions") != endOffset("socialwire.interactions")) {
            return false;
        }
        for (String topic : consumer.listTopics(Duration.ofSeconds(10)).keySet()) {
            if (topic.startsWith("socialwire.deliveries.")) {
                String lane = topic.substring("socialwire.deliveries.".length());
                if (committedOffset("socialwire-dispatch-" + lane, topic) != endOffset(topic)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The consumer groups that have records left to consume, whatever their names: for each group, each partition it
     * has committed an offset on and whose end lies beyond it, unless all that is left there are transaction markers
     * (read with {@code read_committed}). Empty when every group has consumed everything up to the end.
     */
    public List<String> laggingGroups() {
        List<String> lagging = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
                admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get()
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                committed.put(partition, offset);
                            }
                        });
                Map<TopicPartition, Long> ends = consumer.endOffsets(committed.keySet());
                committed.forEach((partition, offset) -> {
                    long end = ends.getOrDefault(partition, 0L);
                    if (offset.offset() < end && hasRecords(partition, offset.offset(), end)) {
                        lagging.add(group.groupId() + " " + partition + " at " + offset.offset() + " of " + end);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return lagging;
    }

    /** Whether records (not just transaction markers) lie between {@code from} and {@code end}. */
    private boolean hasRecords(TopicPartition partition, long from, long end) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(p)) {
            reader.assign(List.of(partition));
            reader.seek(partition, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (!reader.poll(Duration.ofMillis(100)).isEmpty()) {
                    return true;
                }
                if (reader.position(partition) >= end) {
                    return false;
                }
            }
            return true; // undecided (an open transaction, a slow fetch): not caught up yet
        }
    }

    public void createCompacted(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
