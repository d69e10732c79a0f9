package io.socialwire.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * the conversation index and the lanes, interaction id for receipts. One derived store, {@code records}, indexes
 * the conversation index by record id (which conversations have a record), kept up to date by Kafka Streams.
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
        });
        // the configuration brings topology.optimization: the tables' source topics become their changelogs
        return builder.build(config);
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

    /** The topic the {@code records} store is built from, partitioned by record id. */
    static String recordsTopic(String applicationId) {
        return applicationId + "-" + RECORDS + "-repartition";
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
