package io.socialwire.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.kafka.TopicScan;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads {@code socialwire.dlq} and replays its records: the original record (key and value) goes back onto
 * {@code socialwire.interactions}, acknowledged by all replicas, and the replay is remembered in the state store
 * {@code dlq-replays} (compacted topic {@code socialwire.dlq-replays}) so an entry is not replayed twice by accident. Dispatch is idempotent, so a
 * replay of something that meanwhile reached its target changes nothing there.
 */
@Component
public class DeadLetterStore implements DisposableBean {

    private final KafkaBootstrap bootstrap;
    private final String dlq;
    private final String interactions;
    private final KeyedState<Instant> replays;
    private final KafkaProducer<String, String> producer;
    private final Clock clock;

    public DeadLetterStore(KafkaBootstrap bootstrap, KafkaTopics topics, HubState state, ObjectMapper json,
                           Clock clock) {
        this.bootstrap = bootstrap;
        this.dlq = topics.names().dlq();
        this.interactions = topics.names().interactions();
        this.clock = clock;
        this.replays = state.store(StateTopology.DLQ_REPLAYS, json, Instant.class);
        Properties producerConfig = new Properties();
        producerConfig.putAll(bootstrap.client());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    /** The entries that match, oldest first. */
    public List<DeadLetter> list(Predicate<DeadLetter> which) {
        return List.copyOf(read(which).values());
    }

    /** A dead letter with the record's value (the interaction as it was refused). */
    public record WithPayload(DeadLetter entry, String payload) {
    }

    /** The newest dead letter of the interaction, with its record's value. */
    public java.util.Optional<WithPayload> newest(String interactionId) {
        return read(entry -> interactionId.equals(entry.interactionId())).entrySet().stream()
                .reduce((older, newer) -> newer)
                .map(found -> new WithPayload(found.getValue(), found.getKey().value()));
    }

    /** Puts the matching entries back on the interactions topic; returns what was replayed. */
    public List<DeadLetter> replay(Predicate<DeadLetter> which) throws ExecutionException, InterruptedException {
        Map<ConsumerRecord<String, String>, DeadLetter> chosen = read(which);
        List<DeadLetter> replayed = new ArrayList<>();
        for (Map.Entry<ConsumerRecord<String, String>, DeadLetter> each : chosen.entrySet()) {
            ConsumerRecord<String, String> record = each.getKey();
            producer.send(new ProducerRecord<>(interactions, record.key(), record.value())).get();
            Instant now = clock.instant();
            replays.put(Long.toString(record.offset()), now);
            replayed.add(each.getValue().replayedAt(now));
        }
        return replayed;
    }

    /** The entries that match, oldest first, with their records. */
    private Map<ConsumerRecord<String, String>, DeadLetter> read(Predicate<DeadLetter> which) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        TopicScan.readAll(bootstrap, List.of(dlq), records::add);
        Map<String, Instant> replayed = replays.getAll(records.stream().map(r -> Long.toString(r.offset())).toList());
        Map<ConsumerRecord<String, String>, DeadLetter> chosen = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            DeadLetter entry = describe(record, replayed.get(Long.toString(record.offset())));
            if (which.test(entry)) {
                chosen.put(record, entry);
            }
        }
        return chosen;
    }

    private DeadLetter describe(ConsumerRecord<String, String> record, Instant replayedAt) {
        String attempts = header(record, DeadLetters.ATTEMPTS);
        String failedAt = header(record, DeadLetters.FAILED_AT);
        return new DeadLetter(record.offset(), header(record, DeadLetters.INTERACTION),
                header(record, DeadLetters.TARGET), header(record, DeadLetters.REASON),
                attempts == null ? 0 : Integer.parseInt(attempts), failedAt == null ? null : Instant.parse(failedAt),
                header(record, DeadLetters.SOURCE_OFFSET), replayedAt);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() throws InterruptedException {
        producer.close(Duration.ofSeconds(5));
    }
}
