package io.socialwire.tryit;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled run the in-process broker (the embedded default); false to use an existing Kafka
 * @param dataDir where it stores topics and metadata; one folder per running instance
 * @param port    its client port; 0 picks a free one
 * @param broker  extra Kafka broker settings, e.g. {@code broker[log.retention.hours]: 168}
 */
@ConfigurationProperties("socialwire.kafka.embedded")
public record EmbeddedKafkaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("data/kafka") Path dataDir,
        @DefaultValue("0") int port,
        Map<String, String> broker) {

    public Map<String, String> broker() {
        return broker == null ? Map.of() : broker;
    }
}
