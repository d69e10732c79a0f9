package io.socialwire.delivery.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Remembers, per lane partition, the offsets of the batch being written ({@code socialwire.inflight}, compacted),
 * before its first call to a target. A batch that overlaps them was being written when the hub stopped: some of
 * its writes may have landed, so it looks before it writes (ServiceNow creates are not upserts). In steady state
 * it costs one Kafka write per batch and no call to a target.
 */
@Component
public class InFlightBatches {

    record Range(long first, long last) {
    }

    private final KeyedState<Range> view;

    public InFlightBatches(HubState state, ObjectMapper json) {
        this.view = state.store(StateTopology.IN_FLIGHT, json, Range.class);
    }

    /** True when a record of the batch was in a batch being written before. */
    public boolean overlaps(List<Exchange> records) {
        Set<String> partitions = records.stream().map(InFlightBatches::key).collect(Collectors.toSet());
        Map<String, Range> marked = view.getAll(partitions);
        for (Exchange record : records) {
            Range range = marked.get(key(record));
            long offset = record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
            if (range != null && offset >= range.first() && offset <= range.last()) {
                return true;
            }
        }
        return false;
    }

    /** Called before the batch's first write. */
    public void flushing(List<Exchange> records) {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (Exchange record : records) {
            long offset = record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
            ranges.merge(key(record), new Range(offset, offset),
                    (a, b) -> new Range(Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
        }
        // acknowledged before any target is called, or a crash could leave writes no marker covers
        ranges.forEach(view::putAndWait);
    }

    private static String key(Exchange record) {
        return record.getMessage().getHeader(KafkaConstants.TOPIC) + "/"
                + record.getMessage().getHeader(KafkaConstants.PARTITION);
    }
}
