package io.socialwire.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The traces' derived indexes (by conversation, by a hash of the author's handle) as Kafka Streams keeps them from
 * the {@code traces} table: a trace joins them, its erasure takes it out of the author's, its expiry out of both,
 * and an index entry left empty is removed rather than kept.
 */
class TraceIndexesTest {

    private static final String TOPIC = "socialwire.traces";
    private final ObjectMapper json = new ObjectMapper();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> traces;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "trace-indexes-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(StateTopology.TRACES, TOPIC);
        driver = new TopologyTestDriver(StateTopology.build(tables, json, new Freshness(null, "trace-indexes-test"),
                config), config);
        traces = driver.createInputTopic(TOPIC, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void tracesAreIndexedByConversationAndAuthorUntilErasedAndExpired() {
        traces.pipeInput("x:1", trace("x:1", "x:c", "@Ann_Example", "2026-12-03T10:00:00Z"));
        traces.pipeInput("x:2", trace("x:2", "x:c", "bob", "2026-12-03T10:05:00Z"));
        traces.pipeInput("x:3", trace("x:3", "x:d", "ann_example", "2026-12-03T11:00:00Z"));
        KeyValueStore<String, String> byConversation = driver.getKeyValueStore(StateTopology.TRACES_BY_CONVERSATION);
        KeyValueStore<String, String> byAuthor = driver.getKeyValueStore(StateTopology.TRACES_BY_AUTHOR);

        assertThat(StateTopology.times(json, byConversation.get("x:c")))
                .isEqualTo(Map.of("x:1", 1796292000000L, "x:2", 1796292300000L));
        String ann = StateTopology.authorKey("ANN_example");
        assertThat(ann).as("one key whatever the case or @").isEqualTo(StateTopology.authorKey("@ann_example"))
                .doesNotContainIgnoringCase("ann").hasSize(64);
        assertThat(StateTopology.times(json, byAuthor.get(ann)).keySet()).containsExactlyInAnyOrder("x:1", "x:3");

        // erased: the trace keeps its ids, not its author
        traces.pipeInput("x:1", "{\"interactionId\":\"x:1\",\"conversationId\":\"x:c\","
                + "\"receivedAt\":\"2026-12-03T10:00:00Z\",\"erasedAt\":\"2026-12-04T09:00:00Z\"}");
        traces.pipeInput("x:3", "{\"interactionId\":\"x:3\",\"conversationId\":\"x:d\","
                + "\"receivedAt\":\"2026-12-03T11:00:00Z\",\"erasedAt\":\"2026-12-04T09:00:00Z\"}");
        assertThat(byAuthor.get(ann)).as("the author's entry is gone, not left empty").isNull();
        assertThat(StateTopology.times(json, byAuthor.get(StateTopology.authorKey("bob"))).keySet())
                .containsExactly("x:2");
        assertThat(StateTopology.times(json, byConversation.get("x:c")).keySet()).containsExactly("x:1", "x:2");

        // expired: tombstones
        traces.pipeInput("x:1", (String) null);
        traces.pipeInput("x:2", (String) null);
        assertThat(byConversation.get("x:c")).isNull();
        assertThat(byAuthor.get(StateTopology.authorKey("bob"))).isNull();
        assertThat(StateTopology.times(json, byConversation.get("x:d")).keySet()).containsExactly("x:3");
        List<String> authorKeys = new java.util.ArrayList<>();
        byAuthor.all().forEachRemaining(entry -> authorKeys.add(entry.key));
        assertThat(authorKeys).isEmpty();
    }

    private static String trace(String id, String conversation, String handle, String receivedAt) {
        return "{\"interactionId\":\"" + id + "\",\"conversationId\":\"" + conversation + "\",\"channel\":\"x\","
                + "\"author\":{\"id\":\"42\",\"handle\":\"" + handle + "\"},\"receivedAt\":\"" + receivedAt + "\"}";
    }
}
