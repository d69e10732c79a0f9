package io.socialwire.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic held as a map: read from the beginning to the end before {@link #start()} returns (so an
 * instance never acts on a partial view), then followed in the background so writes of other instances show up.
 * Writes go to the topic first ({@code acks=all}) and to the map once Kafka acknowledged them.
 */
public class CompactedTopicView<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final KafkaBootstrap kafka;
    private final Function<String, V> read;
    private final Function<V, String> write;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;
    private Thread follower;
    private volatile boolean running;

    public CompactedTopicView(KafkaBootstrap kafka, String topic, Function<String, V> read, Function<V, String> write) {
        this.kafka = kafka;
        this.topic = topic;
        this.read = read;
        this.write = write;
    }

    /** A view whose values are JSON documents of the given type. */
    public static <V> CompactedTopicView<V> ofJson(KafkaBootstrap kafka, String topic, ObjectMapper json, Class<V> type) {
        return new CompactedTopicView<>(kafka, topic, value -> {
            try {
                return json.readValue(value, type);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable entry in " + topic, e);
            }
        }, value -> {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public void start() {
        Properties c = new Properties();
        c.putAll(kafka.client());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(c);
        // assign, not subscribe: no group, no rebalance, the seek happens before the first poll
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(POLL).forEach(this::apply);
        }
        LOG.info("Read {} entries of {}", entries.size(), topic);

        Properties p = new Properties();
        p.putAll(kafka.client());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(p);

        running = true;
        follower = new Thread(this::follow, "follow-" + topic);
        follower.setDaemon(true);
        follower.start();
    }

    public V get(String key) {
        return entries.get(key);
    }

    /** Every value held, at this moment. */
    public java.util.Collection<V> values() {
        return java.util.Collections.unmodifiableCollection(entries.values());
    }

    public int size() {
        return entries.size();
    }

    /** Stores the value in Kafka, waiting for the acknowledgement (or leaving it to a batch's), then in the map. */
    public void put(String key, V value) {
        send(key, write.apply(value));
        entries.put(key, value);
    }

    /** A tombstone: compaction drops every earlier value of the key. */
    public void remove(String key) {
        send(key, null);
        entries.remove(key);
    }

    /** Stores the value in Kafka and waits for the acknowledgement, even inside a batch's scope. */
    public void putAndWait(String key, V value) {
        DeferredAcks.await(producer.send(new ProducerRecord<>(topic, key, write.apply(value))), topic);
        entries.put(key, value);
    }

    private void send(String key, String value) {
        DeferredAcks.acknowledge(producer.send(new ProducerRecord<>(topic, key, value)), topic);
    }


    private void follow() {
        try {
            while (running) {
                consumer.poll(POLL).forEach(this::apply);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Stopped following {}", topic, e);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            entries.remove(record.key());
        } else {
            entries.put(record.key(), read.apply(record.value()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (follower != null) {
            follower.join(5000);
        }
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
