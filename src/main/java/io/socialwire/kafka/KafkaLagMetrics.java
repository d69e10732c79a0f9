package io.socialwire.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code socialwire.consumer.lag{group}}: records not yet committed by dispatch and each delivery lane, and
 * {@code socialwire.dlq.size}: records in the dead-letter topic. Read from Kafka when scraped, at most every
 * {@code REFRESH}, so a scrape costs a couple of admin calls and never slows the routes.
 */
@Component
public class KafkaLagMetrics implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLagMetrics.class);
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final long TIMEOUT_MS = 5_000;

    private final KafkaBootstrap kafka;
    private final MeterRegistry registry;
    private final String groupPrefix;
    private final String dlq;
    private final Clock clock;
    private final Map<String, Long> lags = new ConcurrentHashMap<>();
    private volatile long dlqSize;
    private volatile Instant refreshed = Instant.EPOCH;
    private Admin admin;

    public KafkaLagMetrics(KafkaBootstrap kafka, KafkaTopics topics, MeterRegistry registry, Clock clock,
                           @Value("${socialwire.dispatch.group-id}") String groupPrefix) {
        this.kafka = kafka;
        this.registry = registry;
        this.clock = clock;
        this.groupPrefix = groupPrefix;
        this.dlq = topics.names().dlq();
        Gauge.builder("socialwire.dlq.size", this, m -> m.refresh().dlqSize)
                .description("records in the dead-letter topic").register(registry);
        Gauge.builder("socialwire.consumer.lag", this, m -> m.refresh().lags.getOrDefault(groupPrefix, 0L))
                .description("records not yet committed, by consumer group").tag("group", groupPrefix)
                .register(registry);
    }

    /** Records not yet committed by each of the hub's consumer groups, as last read (at most {@code REFRESH} ago). */
    public Map<String, Long> lags() {
        return new java.util.TreeMap<>(refresh().lags);
    }

    /** Records in the dead-letter topic, as last read. */
    public long dlqSize() {
        return refresh().dlqSize;
    }

    private synchronized KafkaLagMetrics refresh() {
        Instant now = clock.instant();
        if (Duration.between(refreshed, now).compareTo(REFRESH) < 0) {
            return this;
        }
        refreshed = now;
        try {
            if (admin == null) {
                admin = Admin.create(kafka.client());
            }
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                if (group.groupId().startsWith(groupPrefix)) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    Map<TopicPartition, Long> ends = ends(List.copyOf(committed.keySet()));
                    long lag = committed.entrySet().stream().filter(e -> e.getValue() != null)
                            .mapToLong(e -> Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue().offset()))
                            .sum();
                    if (lags.put(group.groupId(), lag) == null && !group.groupId().equals(groupPrefix)) {
                        String id = group.groupId();
                        Gauge.builder("socialwire.consumer.lag", this, m -> m.refresh().lags.getOrDefault(id, 0L))
                                .description("records not yet committed, by consumer group").tag("group", id)
                                .register(registry);
                    }
                }
            }
            List<TopicPartition> dlqPartitions = admin.describeTopics(List.of(dlq)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(dlq).partitions().stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            dlqSize = ends(dlqPartitions).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Consumer lag not read from Kafka: {}", e.getClass().getSimpleName());
        }
        return this;
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
