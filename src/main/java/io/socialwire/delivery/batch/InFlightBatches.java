package io.socialwire.delivery.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.kafka.CompactedTopicView;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Remembers, per lane partition, the offsets of the batch being written ({@code socialwire.inflight}, compacted),
 * before its first call to a target. A batch that overlaps them was being written when the hub stopped: some of
 * its writes may have landed, so it looks before it writes (ServiceNow creates are not upserts). In steady state
 * it costs one Kafka write per batch and no call to a target.
 */
@Component
public class InFlightBatches implements DisposableBean {

    record Range(long first, long last) {
    }

    private final CompactedTopicView<Range> view;

    public InFlightBatches(KafkaBootstrap bootstrap, KafkaTopics topics, ObjectMapper json) {
        this.view = CompactedTopicView.ofJson(bootstrap, topics.names().inFlight(), json, Range.class);
        view.start();
    }

    /** True when a record of the batch was in a batch being written before. */
    public boolean overlaps(List<Exchange> records) {
        for (Exchange record : records) {
            Range range = view.get(key(record));
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

    @Override
    public void destroy() throws InterruptedException {
        view.close();
    }
}
