package io.socialwire.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.kafka.DeferredAcks;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * The first and last steps of a route consuming Kafka in batches (camel-kafka {@code batching=true}: the body is
 * the polled records' exchanges). {@link #open} turns them into the messages the route splits, without their commit
 * handles, so a record dead-lettered inside the batch cannot commit past the records before it, and lets the
 * batch's writes to the compacted stores go out together; {@link #commit} waits for those writes, then commits the
 * last offset of each partition, once every record is handed on or dead-lettered.
 */
@Component("kafkaBatches")
public class KafkaBatches {

    /** The polled records' exchanges, as camel-kafka gave them. */
    public static final String CONSUMED = "kafkaBatch";
    private static final String ACKS = DeferredAcks.BATCH_PROPERTY;

    public void open(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Exchange> consumed = exchange.getMessage().getBody(List.class);
        List<Message> records = new ArrayList<>();
        for (Exchange record : consumed) {
            Message message = record.getMessage().copy();
            message.removeHeader(KafkaConstants.MANUAL_COMMIT);
            records.add(message);
        }
        exchange.setProperty(CONSUMED, consumed);
        exchange.setProperty(ACKS, DeferredAcks.open());
        exchange.getMessage().setBody(records);
    }

    public void commit(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<java.util.concurrent.Future<?>> acks = exchange.getProperty(ACKS, List.class);
        DeferredAcks.awaitAll(acks);
        @SuppressWarnings("unchecked")
        List<Exchange> consumed = exchange.getProperty(CONSUMED, List.class);
        Map<Object, KafkaManualCommit> last = new LinkedHashMap<>();
        for (Exchange record : consumed) {
            KafkaManualCommit commit = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                    KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException("batch consumers must consume with allowManualCommit=true");
            }
            last.put(record.getMessage().getHeader(KafkaConstants.PARTITION), commit);
        }
        last.values().forEach(KafkaManualCommit::commit);
    }
}
