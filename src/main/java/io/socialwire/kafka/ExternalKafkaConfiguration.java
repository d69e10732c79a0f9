package io.socialwire.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With the embedded broker off, the hub uses the Kafka that {@code camel.component.kafka.brokers} names. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "socialwire.kafka.embedded.enabled", havingValue = "false")
class ExternalKafkaConfiguration {

    @Bean
    KafkaBootstrap kafkaBootstrap(@Value("${camel.component.kafka.brokers}") String brokers) {
        return () -> brokers;
    }
}
