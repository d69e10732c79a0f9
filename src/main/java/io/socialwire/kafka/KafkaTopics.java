package io.socialwire.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics when they are missing, before anything produces to them: the state topics must be
 * compacted, which auto-creation would not do. The state topics that are keyed like the interactions (conversation
 * index, lanes, receipts, traces) get as many partitions, so the state is shared out like the work; receipts and
 * traces are also deleted after their retention.
 */
@Component
public class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private final KafkaBootstrap bootstrap;
    private final TopicsProperties topics;

    public KafkaTopics(KafkaBootstrap bootstrap, TopicsProperties topics,
                       @Value("${socialwire.state.receipt-retention:30d}") Duration receiptRetention) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        Map<String, String> expiring = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(receiptRetention.toMillis()));
        ensure(List.of(
                new NewTopic(topics.interactions(), topics.partitions(), topics.replicationFactor()),
                new NewTopic(topics.dlq(), 1, topics.replicationFactor()),
                new NewTopic(topics.threads(), topics.partitions(), topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.receipts(), topics.partitions(), topics.replicationFactor()).configs(expiring),
                new NewTopic(topics.traces(), topics.partitions(), topics.replicationFactor()).configs(expiring),
                new NewTopic(topics.cursors(), 1, topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.marketing(), topics.partitions(), topics.replicationFactor()),
                new NewTopic(topics.dlqReplays(), 1, topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.lanes(), topics.partitions(), topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.inFlight(), 1, topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.replies(), topics.partitions(), topics.replicationFactor()),
                new NewTopic(topics.repliesSent(), topics.partitions(), topics.replicationFactor()).configs(COMPACTED),
                new NewTopic(topics.deliveries() + ".contacts", topics.lanePartitions(), topics.replicationFactor())));
    }

    /** The topic of a delivery lane, keyed by conversation so a conversation keeps its order in one partition. */
    public String lane(String lane) {
        String name = topics.deliveries() + "." + lane;
        ensure(List.of(new NewTopic(name, topics.lanePartitions(), topics.replicationFactor())));
        return name;
    }

    private void ensure(List<NewTopic> wanted) {
        try (Admin admin = Admin.create(bootstrap.client())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return; // another instance created it meanwhile
            }
            throw new IllegalStateException("Cannot create the hub's Kafka topics", e.getCause());
        }
    }

    public TopicsProperties names() {
        return topics;
    }
}
