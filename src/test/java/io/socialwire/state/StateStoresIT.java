package io.socialwire.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.receipts.Receipts;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.HubTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * The hub's state stores (Kafka Streams) on a whole hub: complete when start-up returns (the CAMEL-20218/20373
 * pitfall: a store that comes up empty re-does everything), receipts that expire, a state folder that two processes
 * cannot share.
 */
class StateStoresIT extends HubIntegrationTest {

    @Autowired
    HubState state;

    @Autowired
    HubInstance instance;

    @Autowired
    KafkaTopics topics;

    @Autowired
    Receipts receipts;

    @Autowired
    ObjectMapper json;

    @Test
    void aNewInstanceHasEveryEntryWhenItsStartReturns() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        KeyedState<String> lanes = state.store(StateTopology.LANES);
        List<String> keys = IntStream.range(0, 500).mapToObj(i -> run + "-" + i).toList();
        keys.forEach(key -> lanes.put(key, "lane-of-" + key));
        lanes.put(run + "-7", "changed");

        // another application over the same topics: it holds every partition, restored from the topics alone
        try (Second second = new Second()) {
            Map<String, String> read = second.state.store(StateTopology.LANES).getAll(keys);

            assertThat(read).hasSize(500);
            assertThat(read.get(run + "-499")).isEqualTo("lane-of-" + run + "-499");
            assertThat(read.get(run + "-7")).isEqualTo("changed");
        }
    }

    @Test
    void receiptsOlderThanTheirRetentionAreRemoved() {
        String old = "it:old-" + UUID.randomUUID();
        String recent = "it:recent-" + UUID.randomUUID();
        long longAgo = Instant.now().minus(Duration.ofDays(31)).toEpochMilli();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.servers()),
                new StringSerializer(), new StringSerializer())) {
            String receipt = "[{\"interactionId\":\"%s\",\"system\":\"servicenow\",\"recordId\":\"r1\",\"action\":\"created\"}]";
            producer.send(new ProducerRecord<>(topics.names().receipts(), null, longAgo, old, receipt.formatted(old)));
            producer.send(new ProducerRecord<>(topics.names().receipts(), recent, receipt.formatted(recent)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !receipts.of(old).isEmpty() && !receipts.of(recent).isEmpty());

        receipts.expire();

        await().atMost(Duration.ofSeconds(20)).until(() -> receipts.of(old).isEmpty());
        assertThat(receipts.of(recent)).extracting(r -> r.recordId()).containsExactly("r1");
    }

    @Test
    void aSecondProcessOnTheSameStateFolderStopsAtStartUp() {
        StateProperties same = properties(instance.dir(), "unused");

        assertThatThrownBy(() -> new HubInstance(same, new StandardEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is in use by another hub process");
    }

    private static StateProperties properties(Path dir, String applicationId) {
        return new StateProperties(dir, "localhost", applicationId, Duration.ofDays(30), Duration.ofMinutes(2),
                Duration.ofSeconds(20), DataSize.ofMegabytes(16), 1000);
    }

    /** A second Kafka Streams application over the hub's state topics, with a state folder of its own. */
    private final class Second implements AutoCloseable {

        final StateProperties properties = properties(HubTestSupport.newDataDir(), "it-" + UUID.randomUUID());
        final HubInstance instance = new HubInstance(properties, new StandardEnvironment());
        final HubState state = new HubState(kafka, topics, instance, properties, new StateForwarding(json, "unused"),
                json, new SimpleMeterRegistry(), 1);

        @Override
        public void close() throws Exception {
            state.destroy();
            instance.destroy();
        }
    }
}
