package io.socialwire.dispatch;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the hub's consumers commit: asynchronously, with the consumer's next poll. A commit lost in a crash is a
 * redelivery, which the idempotent sinks recognise; every record saves a round trip to Kafka. The delivery lanes,
 * which consume in batches, commit synchronously instead ({@code #syncKafkaCommits}): in batching mode camel-kafka
 * 4.17 only records an asynchronous manual commit, and commits it when the partition is revoked.
 */
@Configuration(proxyBeanMethods = false)
class KafkaCommits {

    @Bean
    ComponentCustomizer asyncKafkaCommits() {
        return ComponentCustomizer.forType(KafkaComponent.class,
                kafka -> kafka.setKafkaManualCommitFactory(new DefaultKafkaManualAsyncCommitFactory()));
    }

    @Bean
    KafkaManualCommitFactory syncKafkaCommits() {
        return new DefaultKafkaManualCommitFactory();
    }
}
