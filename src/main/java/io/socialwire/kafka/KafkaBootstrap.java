package io.socialwire.kafka;

import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;

/** Where the hub's Kafka is: the embedded broker's address, or {@code camel.component.kafka.brokers}. */
@FunctionalInterface
public interface KafkaBootstrap {

    String servers();

    /**
     * What the hub's own clients (the compacted views, topic scans, admin) connect with: the servers and, for an
     * external Kafka, the same security settings as camel-kafka's ({@code camel.component.kafka.security-*}).
     */
    default Map<String, Object> client() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers());
    }
}
