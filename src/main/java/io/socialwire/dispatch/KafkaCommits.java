package io.socialwire.dispatch;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the hub's consumers commit: asynchronously, with the consumer's next poll. A commit lost in a crash is a
 * redelivery, which the idempotent sinks recognise; every record saves a round trip to Kafka.
 */
@Configuration(proxyBeanMethods = false)
class KafkaCommits {

    @Bean
    ComponentCustomizer asyncKafkaCommits() {
        return ComponentCustomizer.forType(KafkaComponent.class,
                kafka -> kafka.setKafkaManualCommitFactory(new DefaultKafkaManualAsyncCommitFactory()));
    }
}
