package io.socialwire.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.socialwire.kafka.DeferredAcks;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One state store as the flow uses it: values by key, written to the store's topic ({@code acks=all}) and read from
 * the instance that owns the key. Kafka Streams reads a write back into the store a moment after Kafka acknowledged
 * it, so the writer remembers its own recent writes (a bounded Caffeine cache) and reads them from there meanwhile:
 * a follow-up in the next batch sees the record its conversation's first interaction just created.
 */
public final class KeyedState<V> {

    /** Long enough for Kafka Streams to read the writes back, even on a busy instance. */
    private static final Duration RECENT = Duration.ofSeconds(30);

    private final HubState state;
    private final String store;
    private final Function<String, V> read;
    private final Function<V, String> write;
    private final Cache<String, Optional<String>> recent;

    KeyedState(HubState state, String store, long recentWrites, Function<String, V> read, Function<V, String> write) {
        this.state = state;
        this.store = store;
        this.read = read;
        this.write = write;
        this.recent = Caffeine.newBuilder().maximumSize(recentWrites).expireAfterWrite(RECENT)
                .scheduler(Scheduler.systemScheduler()).build();
    }

    static <V> KeyedState<V> ofJson(HubState state, String store, long recentWrites, ObjectMapper json,
                                    Class<V> type) {
        return new KeyedState<>(state, store, recentWrites, value -> {
            try {
                return json.readValue(value, type);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable entry in state store " + store, e);
            }
        }, value -> {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public V get(String key) {
        return getAll(List.of(key)).get(key);
    }

    /** The values of the keys that have one. */
    public Map<String, V> getAll(Collection<String> keys) {
        Map<String, V> found = new HashMap<>();
        List<String> stored = keys.stream().filter(key -> {
            Optional<String> mine = recent.getIfPresent(key);
            if (mine == null) {
                return true;
            }
            mine.ifPresent(value -> found.put(key, read.apply(value)));
            return false;
        }).toList();
        if (!stored.isEmpty()) {
            state.getAll(store, stored).forEach((key, value) -> found.put(key, read.apply(value)));
        }
        return found;
    }

    /** Whether this instance holds the key (one instance does), so work done once per key can run here. */
    public boolean isHeldHere(String key) {
        return state.holds(store, key);
    }

    /** Stores the value, waiting for Kafka's acknowledgement (or leaving it to the batch this thread is in). */
    public void put(String key, V value) {
        send(key, write.apply(value), false);
    }

    /** Stores the value and waits for the acknowledgement, even inside a batch. */
    public void putAndWait(String key, V value) {
        send(key, write.apply(value), true);
    }

    /** A tombstone: the entry goes, and compaction drops every earlier value of the key. */
    public void remove(String key) {
        send(key, null, false);
    }

    private void send(String key, String value, boolean wait) {
        Optional<String> written = Optional.ofNullable(value);
        recent.put(key, written);
        // a write Kafka did not take is not remembered: the batch's retry would read it here and not write it again
        Future<RecordMetadata> ack;
        try {
            ack = state.send(store, key, value, failure -> recent.asMap().remove(key, written));
        } catch (RuntimeException e) {
            recent.asMap().remove(key, written);
            throw e;
        }
        if (wait) {
            DeferredAcks.await(ack, state.topic(store));
        } else {
            DeferredAcks.acknowledge(ack, state.topic(store));
        }
    }
}
