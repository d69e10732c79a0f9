package io.socialwire.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The hub's state stores, each a table over the compacted topic the hub writes it to (which is also the store's
 * changelog: nothing is written twice), partitioned like that topic, by the key the flow uses: conversation id for
 * the conversation index and the lanes, interaction id for receipts and traces. Derived stores, kept up to date by
 * Kafka Streams (an erased or expired entry leaves them too): {@code records} indexes the conversation index by record
 * id (which conversations have a record); {@code traces-by-conversation} and {@code traces-by-author} index the
 * traces by conversation and by a hash of the author's handle (the handle itself is not a key anywhere).
 */
public final class StateTopology {

    public static final String CONVERSATIONS = "conversations";
    public static final String LANES = "lanes";
    public static final String RECEIPTS = "receipts";
    public static final String IN_FLIGHT = "inflight";
    public static final String CURSORS = "cursors";
    public static final String DLQ_REPLAYS = "dlq-replays";
    public static final String RECORDS = "records";
    public static final String REPLIES_SENT = "replies-sent";
    public static final String TRACES = "traces";
    public static final String TRACES_BY_CONVERSATION = "traces-by-conversation";
    public static final String TRACES_BY_AUTHOR = "traces-by-author";
    /** The stores Kafka Streams derives from the others, partitioned by their own key (a repartition topic). */
    static final Set<String> DERIVED = Set.of(RECORDS, TRACES_BY_CONVERSATION, TRACES_BY_AUTHOR);
    private static final TypeReference<TreeMap<String, Long>> TIMES = new TypeReference<>() {
    };
    private static final TypeReference<TreeSet<String>> IDS = new TypeReference<>() {
    };

    private StateTopology() {
    }

    /** @param tables store name to the topic it reads */
    static Topology build(Map<String, String> tables, ObjectMapper json, Freshness freshness, Properties config) {
        StreamsBuilder builder = new StreamsBuilder();
        tables.forEach((store, topic) -> {
            KTable<String, String> table = builder.table(topic, Consumed.with(Serdes.String(), Serdes.String()),
                    Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(store)
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()).withCachingDisabled());
            table.toStream().process(freshness.recorder());
            if (CONVERSATIONS.equals(store)) {
                table.groupBy((conversation, thread) -> KeyValue.pair(recordId(json, thread), conversation),
                                Grouped.with(RECORDS, Serdes.String(), Serdes.String()))
                        .aggregate(() -> "[]",
                                (recordId, conversation, ids) -> change(json, ids, conversation, true),
                                (recordId, conversation, ids) -> change(json, ids, conversation, false),
                                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(RECORDS)
                                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String())
                                        .withCachingDisabled())
                        .toStream().process(freshness.recorder());
            }
            if (TRACES.equals(store)) {
                index(table, TRACES_BY_CONVERSATION, trace -> text(trace, "/conversationId"), json, freshness);
                index(table, TRACES_BY_AUTHOR, trace -> authorKey(text(trace, "/author/handle")), json, freshness);
            }
        });
        // the configuration brings topology.optimization: the tables' source topics become their changelogs
        return builder.build(config);
    }

    /**
     * A store of the traces by another key: each key's interaction ids with the time each was received. A trace
     * without that key (erased: no author) maps to none, so it leaves the index; an empty entry is removed.
     */
    private static void index(KTable<String, String> traces, String name, Function<JsonNode, String> key,
                              ObjectMapper json, Freshness freshness) {
        traces.groupBy((interactionId, value) -> {
                    JsonNode trace = trace(json, value);
                    return KeyValue.pair(key.apply(trace), interactionId + " " + received(trace));
                },
                        Grouped.with(name, Serdes.String(), Serdes.String()))
                .aggregate(() -> null,
                        (indexKey, entry, ids) -> changeTimes(json, ids, entry, true),
                        (indexKey, entry, ids) -> changeTimes(json, ids, entry, false),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(name)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String())
                                .withCachingDisabled())
                .toStream().process(freshness.recorder());
    }

    /** The key of an author's handle in {@code traces-by-author}: a SHA-256 of the handle without "@", lower case. */
    public static String authorKey(String handle) {
        if (handle == null || handle.isBlank()) {
            return null;
        }
        String normalised = handle.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The interaction ids of an index entry, with when each was received (epoch millis). */
    static TreeMap<String, Long> times(ObjectMapper json, String value) {
        try {
            return value == null ? new TreeMap<>() : json.readValue(value, TIMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String changeTimes(ObjectMapper json, String value, String entry, boolean add) {
        TreeMap<String, Long> ids = times(json, value);
        int space = entry.lastIndexOf(' ');
        if (add) {
            ids.put(entry.substring(0, space), Long.parseLong(entry.substring(space + 1)));
        } else {
            ids.remove(entry.substring(0, space));
        }
        try {
            return ids.isEmpty() ? null : json.writeValueAsString(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode trace(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable trace", e);
        }
    }

    private static long received(JsonNode trace) {
        JsonNode at = trace.path("receivedAt");
        // an ObjectMapper that writes dates as timestamps writes seconds with a fraction
        return at.isNumber() ? Math.round(at.asDouble() * 1000)
                : at.isTextual() ? Instant.parse(at.asText()).toEpochMilli() : 0;
    }

    private static String text(JsonNode trace, String pointer) {
        JsonNode found = trace.at(pointer);
        return found.isTextual() ? found.asText() : null;
    }

    private static String recordId(ObjectMapper json, String thread) {
        try {
            return json.readTree(thread).path("recordId").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable conversation index entry", e);
        }
    }

    private static String change(ObjectMapper json, String ids, String conversation, boolean add) {
        try {
            TreeSet<String> set = json.readValue(ids, IDS);
            if (add) {
                set.add(conversation);
            } else {
                set.remove(conversation);
            }
            return json.writeValueAsString(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topic a derived store is built from, partitioned by its key. */
    static String derivedTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-repartition";
    }

    /** The conversations a record belongs to, from a {@code records} store value. */
    static TreeSet<String> conversations(ObjectMapper json, String value) {
        try {
            return value == null ? new TreeSet<>() : json.readValue(value, IDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
