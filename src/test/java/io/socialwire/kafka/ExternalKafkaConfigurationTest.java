package io.socialwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ExternalKafkaConfigurationTest {

    @Test
    void theHubsOwnClientsTakeCamelKafkasTlsAndSaslSettings() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("camel.component.kafka.security-protocol", "SASL_SSL")
                .withProperty("camel.component.kafka.sasl-mechanism", "SCRAM-SHA-512")
                .withProperty("camel.component.kafka.sasl-jaas-config", "ScramLoginModule required;")
                .withProperty("camel.component.kafka.ssl-truststore-location", "")
                .withProperty("camel.component.kafka.ssl-truststore-type", "PKCS12");

        KafkaBootstrap kafka = new ExternalKafkaConfiguration().kafkaBootstrap("broker-1:9093", env);

        assertThat(kafka.servers()).isEqualTo("broker-1:9093");
        assertThat(kafka.client()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker-1:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "ScramLoginModule required;",
                "ssl.truststore.type", "PKCS12"));
    }
}
