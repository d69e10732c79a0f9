package io.socialwire.dispatch;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Commits the consumed record's offset; the dispatch route calls it only after the sink succeeded or the record
 * went to the dead-letter topic, so nothing is marked done that is not.
 */
@Component("kafkaOffsets")
public class KafkaOffsets {

    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("dispatch must consume with allowManualCommit=true");
        }
        manual.commit();
    }
}
