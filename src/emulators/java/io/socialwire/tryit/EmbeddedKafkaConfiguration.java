package io.socialwire.tryit;

import io.socialwire.kafka.KafkaBootstrap;
import org.apache.camel.Ordered;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the embedded broker before Camel and points camel-kafka at it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedKafkaProperties.class)
@ConditionalOnProperty(name = "socialwire.kafka.embedded.enabled", havingValue = "true")
class EmbeddedKafkaConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedKraftBroker embeddedKraftBroker(EmbeddedKafkaProperties properties) {
        return new EmbeddedKraftBroker(properties.dataDir(), properties.port(), properties.broker());
    }

    /** Last of the customizers, so it wins over camel.component.kafka.brokers (KAFKA_BOOTSTRAP_SERVERS). */
    @Bean
    ComponentCustomizer embeddedKafkaBrokers(EmbeddedKraftBroker broker) {
        return ComponentCustomizer.builder(KafkaComponent.class).withOrder(Ordered.LOWEST)
                .build(kafka -> kafka.getConfiguration().setBrokers(broker.bootstrapServers()));
    }

    @Bean
    KafkaBootstrap kafkaBootstrap(EmbeddedKraftBroker broker) {
        return broker::bootstrapServers;
    }
}
