package io.socialwire.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.socialwire.enrichment.Enricher;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code socialwire.deliveries{channel, department, target, outcome}}: what became of each interaction (created,
 * commented, linked, sent, recorded, dead_lettered), and {@code socialwire.delivery.latency{channel, department,
 * target}}: from the hub's receipt of the interaction (the time Kafka stored it) to its record.
 */
@Component
public class DeliveryMetrics {

    /** Milliseconds since the epoch at which the interactions topic stored the interaction; set by dispatch. */
    public static final String RECEIVED_AT_HEADER = "socialwire_received_at";

    private final MeterRegistry registry;
    private final Clock clock;

    public DeliveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void delivered(Exchange exchange, SocialInteraction interaction, String target, String outcome) {
        String channel = interaction.channel();
        String department = department(exchange, interaction);
        Counter.builder("socialwire.deliveries").description("interactions delivered, by outcome")
                .tag("channel", channel).tag("department", department).tag("target", target).tag("outcome", outcome)
                .register(registry).increment();
        String received = exchange.getMessage().getHeader(RECEIVED_AT_HEADER, String.class);
        if (received != null && !outcome.equals("recorded") && !outcome.equals("dead_lettered")) {
            Duration latency = Duration.between(Instant.ofEpochMilli(Long.parseLong(received)), clock.instant());
            Timer.builder("socialwire.delivery.latency").description("from receipt of an interaction to its record")
                    .tag("channel", channel).tag("department", department).tag("target", target)
                    .publishPercentiles(0.5, 0.99).register(registry).record(latency);
        }
    }

    private static String department(Exchange exchange, SocialInteraction interaction) {
        String department = exchange.getMessage().getHeader(Enricher.DEPARTMENT_HEADER, String.class);
        if (department == null && interaction.enrichment() != null) {
            department = interaction.enrichment().department();
        }
        return department == null ? "none" : department;
    }
}
