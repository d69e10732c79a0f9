package io.socialwire.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The hub uses the Kafka that {@code camel.component.kafka.brokers} names ({@code KAFKA_BOOTSTRAP_SERVERS}); only the
 * try-it jar, with its embedded broker on, does not.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "socialwire.kafka.embedded.enabled", havingValue = "false", matchIfMissing = true)
class ExternalKafkaConfiguration {

    private static final Map<String, String> SECURITY = Map.of(
            "security-protocol", CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            "sasl-mechanism", SaslConfigs.SASL_MECHANISM,
            "sasl-jaas-config", SaslConfigs.SASL_JAAS_CONFIG,
            "ssl-truststore-location", SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
            "ssl-truststore-password", SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
            "ssl-truststore-type", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);

    /** The hub's own clients connect as camel-kafka does: same brokers, same TLS and SASL settings. */
    @Bean
    KafkaBootstrap kafkaBootstrap(@Value("${camel.component.kafka.brokers}") String brokers, Environment env) {
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        SECURITY.forEach((property, kafkaName) -> {
            String value = env.getProperty("camel.component.kafka." + property);
            if (value != null && !value.isBlank()) {
                client.put(kafkaName, value);
            }
        });
        Map<String, Object> settings = Map.copyOf(client);
        return new KafkaBootstrap() {
            @Override
            public String servers() {
                return brokers;
            }

            @Override
            public Map<String, Object> client() {
                return settings;
            }
        };
    }
}
