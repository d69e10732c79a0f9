package io.socialwire.kafka;

/** Where the hub's Kafka is: the embedded broker's address, or {@code camel.component.kafka.brokers}. */
@FunctionalInterface
public interface KafkaBootstrap {

    String servers();
}
