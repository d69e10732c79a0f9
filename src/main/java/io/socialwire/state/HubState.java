package io.socialwire.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.socialwire.kafka.DeferredAcks;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.kafka.TopicsProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's state, kept by Kafka Streams: each store a table over its compacted topic, in RocksDB under
 * {@code socialwire.state.dir}, partitioned like the topic. An instance holds and restores only the partitions Kafka
 * Streams assigns it, so its heap does not grow with history and several instances share the state. A read asks the
 * instance that owns the key's partition: itself (a local RocksDB read), or another one over HTTP
 * ({@code application.server}, {@link StateController}). Start-up returns once this instance's partitions are
 * restored, before any route consumes.
 */
@Component
public class HubState implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(HubState.class);
    private static final Serializer<String> KEYS = new StringSerializer();
    private static final long RETRY_MS = 100;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StateProperties properties;
    private final StateForwarding forwarding;
    private final KafkaProducer<String, String> producer;
    private final Map<String, String> topics;
    private final Map<String, ReadOnlyKeyValueStore<String, String>> localStores = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Admin admin;
    private final Freshness freshness;

    HubState(KafkaBootstrap kafka, KafkaTopics topics, HubInstance instance, StateProperties properties,
             StateForwarding forwarding, ObjectMapper json, MeterRegistry metrics,
             @Value("${server.port}") int port) {
        this.properties = properties;
        this.json = json;
        this.forwarding = forwarding;
        this.self = new HostInfo(properties.advertisedHost(), port);
        this.topics = tables(topics.names());
        this.producer = producer(kafka);
        this.admin = Admin.create(kafka.client());
        this.freshness = new Freshness(admin, properties.applicationId());
        Properties config = streamsConfig(kafka, topics.names(), instance);
        this.streams = new KafkaStreams(StateTopology.build(this.topics, json, freshness, config), config);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A state thread failed; it is replaced and resumes from its last commit", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("State {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.REBALANCING) {
                freshness.reassigned();
            }
        });
        long start = System.nanoTime();
        try {
            streams.start();
            awaitRunning(running);
            awaitFresh();
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
        LOG.info("State restored in {} ms ({} as {})", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                instance.id(), self);
        this.topics.keySet().forEach(store -> register(metrics, store));
        StateTopology.DERIVED.forEach(store -> register(metrics, store));
        // Kafka Streams' own metrics (state, rebalances, restore, lag) beside the hub's on /actuator/prometheus
        new KafkaStreamsMetrics(streams).bindTo(metrics);
    }

    private static Map<String, String> tables(TopicsProperties names) {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(StateTopology.CONVERSATIONS, names.threads());
        tables.put(StateTopology.LANES, names.lanes());
        tables.put(StateTopology.RECEIPTS, names.receipts());
        tables.put(StateTopology.IN_FLIGHT, names.inFlight());
        tables.put(StateTopology.CURSORS, names.cursors());
        tables.put(StateTopology.DLQ_REPLAYS, names.dlqReplays());
        tables.put(StateTopology.REPLIES_SENT, names.repliesSent());
        tables.put(StateTopology.TRACES, names.traces());
        return tables;
    }

    private Properties streamsConfig(KafkaBootstrap kafka, TopicsProperties names, HubInstance instance) {
        Properties config = new Properties();
        config.putAll(kafka.client());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.STATE_DIR_CONFIG, instance.dir().resolve("streams").toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // the tables' source topics are their changelogs: the state is not written a second time
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) names.replicationFactor());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // how much a restart with its local state restores: what changed since the last checkpoint
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5000);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        config.put(BoundedRocksDbMemory.MEMORY_BYTES, Long.toString(properties.memory().toBytes()));
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // a restart on the same state folder rejoins as the same member, without waiting out the old session
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance.id() + "-state");
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // the partitions of an instance that died move after this; reads of its keys wait meanwhile
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 20_000);
        return config;
    }

    private static KafkaProducer<String, String> producer(KafkaBootstrap kafka) {
        Map<String, Object> p = new HashMap<>(kafka.client());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private void awaitRunning(CountDownLatch running) {
        try {
            if (!running.await(properties.restoreTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                KafkaStreams.State stuck = streams.state();
                throw new IllegalStateException("The hub's state was not restored within "
                        + properties.restoreTimeout() + " (socialwire.state.restore-timeout); state " + stuck);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until every partition this instance owns has what was in Kafka when it started (see {@link Freshness}). */
    private void awaitFresh() {
        long deadline = System.currentTimeMillis() + properties.restoreTimeout().toMillis();
        long report = System.currentTimeMillis() + 10_000;
        while (true) {
            List<TopicPartition> behind = localPartitions().stream().filter(p -> !freshness.isFresh(p)).toList();
            if (behind.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The hub's state did not catch up within " + properties.restoreTimeout()
                        + " (socialwire.state.restore-timeout): " + behind);
            }
            if (System.currentTimeMillis() > report) {
                LOG.info("Waiting for the state of {} to catch up", behind);
                report = System.currentTimeMillis() + 10_000;
            }
            sleep();
        }
    }

    /** The source partitions of this instance's active tasks. */
    private java.util.Set<TopicPartition> localPartitions() {
        java.util.Set<TopicPartition> partitions = new java.util.HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                partitions.addAll(task.topicPartitions())));
        return partitions;
    }

    private void register(MeterRegistry metrics, String store) {
        Gauge.builder("socialwire.state.entries", () -> localEntries(store))
                .description("Entries of a state store held by this instance (its partitions), approximately")
                .tag("store", store).register(metrics);
    }

    /** A store of the hub's state, its values as text. */
    public KeyedState<String> store(String name) {
        return new KeyedState<>(this, name, properties.recentWrites(), value -> value, value -> value);
    }

    /** A store of the hub's state, its values JSON documents of the given type. */
    public <V> KeyedState<V> store(String name, ObjectMapper json, Class<V> type) {
        return KeyedState.ofJson(this, name, properties.recentWrites(), json, type);
    }

    /**
     * The interaction ids a derived traces index holds for the key, with when each was received (epoch millis);
     * empty when none.
     */
    public java.util.SortedMap<String, Long> indexed(String derivedStore, String key) {
        return StateTopology.times(json, get(derivedStore, key));
    }

    /** The conversations whose index entry names this record (the derived {@code records} store). */
    public java.util.Set<String> conversationsOf(String recordId) {
        return StateTopology.conversations(json, get(StateTopology.RECORDS, recordId));
    }

    /** The topic a store is kept in (and restored from); the derived {@code records} store's is internal. */
    String topic(String store) {
        return StateTopology.DERIVED.contains(store) ? StateTopology.derivedTopic(properties.applicationId(), store)
                : topics.get(store);
    }

    /** Writes a store's entry (null: removes it) to its topic; the store has it once Kafka Streams has read it. */
    Future<RecordMetadata> send(String store, String key, String value) {
        return producer.send(new ProducerRecord<>(topics.get(store), key, value));
    }

    /** As {@link #send(String, String, String)}; {@code onFailure} hears if Kafka did not take the write. */
    Future<RecordMetadata> send(String store, String key, String value, Consumer<Exception> onFailure) {
        return producer.send(new ProducerRecord<>(topics.get(store), key, value), (written, failure) -> {
            if (failure != null) {
                onFailure.accept(failure);
            }
        });
    }

    /** True while Kafka Streams runs (this bean exists only once its partitions were restored). */
    boolean isRestored() {
        return streams.state().isRunningOrRebalancing();
    }

    KafkaStreams.State streamsState() {
        return streams.state();
    }

    /** The values of the keys (absent: no entry), each read from the instance that owns it. */
    Map<String, String> getAll(String store, Collection<String> keys) {
        Map<String, String> found = new HashMap<>();
        List<String> pending = keys.stream().distinct().toList();
        long deadline = System.currentTimeMillis() + properties.queryTimeout().toMillis();
        while (true) {
            Map<HostInfo, List<String>> remote = new HashMap<>();
            List<String> unavailable = new java.util.ArrayList<>();
            for (String key : pending) {
                KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
                if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                    unavailable.add(key);
                } else if (self.equals(owner.activeHost())) {
                    if (!readLocal(store, key, owner.partition(), found)) {
                        unavailable.add(key);
                    }
                } else {
                    remote.computeIfAbsent(owner.activeHost(), h -> new java.util.ArrayList<>()).add(key);
                }
            }
            remote.forEach((host, wanted) -> {
                Map<String, String> answer = forwarding.fetch(host, store, wanted);
                if (answer == null) {
                    unavailable.addAll(wanted);
                } else {
                    answer.forEach((key, value) -> {
                        if (value != null) {
                            found.put(key, value);
                        }
                    });
                }
            });
            if (unavailable.isEmpty()) {
                return found;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The owner of " + unavailable.size() + " key(s) of the state store "
                        + store + " did not answer within " + properties.queryTimeout() + ": partitions moving, or"
                        + " another instance advertising this one's address (" + self.host() + ":" + self.port()
                        + ", SOCIALWIRE_ADVERTISED_HOST)");
            }
            pending = unavailable;
            sleep();
        }
    }

    String get(String store, String key) {
        return getAll(store, List.of(key)).get(key);
    }

    /**
     * Whether this instance holds {@code key}'s partition of {@code store} now: of all instances, Kafka gives it to
     * one, so work that must run once at a time (a poll) runs where its key is held. False while partitions move.
     */
    boolean holds(String store, String key) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
        return owner != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(owner) && self.equals(owner.activeHost())
                && freshness.isFresh(new TopicPartition(topic(store), owner.partition()));
    }

    /**
     * For another instance: the values of keys this instance owns. Null when it does not own one of them (any
     * more), so the caller asks again where the key went.
     */
    Map<String, String> getOwned(String store, Collection<String> keys) {
        if (!topics.containsKey(store) && !StateTopology.DERIVED.contains(store)) {
            throw new IllegalArgumentException("no state store " + store);
        }
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
            if (owner == null || !self.equals(owner.activeHost()) || !readLocal(store, key, owner.partition(), found)) {
                return null;
            }
            found.putIfAbsent(key, null);
        }
        return found;
    }

    private boolean readLocal(String store, String key, int partition, Map<String, String> found) {
        TopicPartition source = new TopicPartition(topic(store), partition);
        if (!freshness.isFresh(source)) {
            return false;
        }
        String id = store + "-" + partition;
        try {
            ReadOnlyKeyValueStore<String, String> local = localStores.computeIfAbsent(id, i -> streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, String>keyValueStore())
                            .withPartition(partition)));
            String value = local.get(key);
            if (value != null) {
                found.put(key, value);
            }
            return true;
        } catch (InvalidStateStoreException e) {
            localStores.remove(id);
            return false;
        }
    }

    /**
     * Removes the entries of a store written before the cutoff, among those this instance holds (each instance
     * removes its own share): a tombstone each, which compaction turns into nothing. Returns how many.
     */
    public int removeOlderThan(String store, java.time.Instant cutoff) {
        List<String> expired = new java.util.ArrayList<>();
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<String>> local = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.timestampedKeyValueStore()));
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = local.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.timestamp() < cutoff.toEpochMilli()) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(key -> DeferredAcks.await(send(store, key, null), topic(store)));
        return expired.size();
    }

    private double localEntries(String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, String>keyValueStore())).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
        // leave the group: the partitions move to the other instances at once, not after the session timeout
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(java.time.Duration.ofSeconds(30)));
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
