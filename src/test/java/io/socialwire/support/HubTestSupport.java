package io.socialwire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings every end-to-end test shares: the environment contract and a Kafka data folder of its own. Ports are
 * free random ones ({@code RANDOM_PORT}), so tests run beside a hub that is already running.
 */
public final class HubTestSupport {

    private HubTestSupport() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        HubClient.PROPERTIES.forEach((key, value) -> registry.add(key, () -> value));
        Path dataDir = newDataDir();
        registry.add("SOCIALWIRE_DATA_DIR", dataDir::toString);
        // Spring Boot tests turn metric exporters off; the hub's /actuator/prometheus is part of what is tested
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        // a target that does not answer is given up on sooner than in production, so FaultMatrixIT's TIMEOUT is short
        registry.add("socialwire.servicenow.receive-timeout", () -> "4s");
        // the shared test hub makes more Salesforce calls than an org's day allows; TargetPacingTest covers the
        // slow-down near the limit
        registry.add("socialwire.emulators.salesforce-daily-api-limit", () -> "10000000");
    }

    public static Path newDataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "it-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
