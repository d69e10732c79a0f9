package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubTestSupport;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stops and starts the hub on the same data folder: Kafka keeps its records and the dispatcher its offsets. */
class RestartIT {

    private static final String INTERACTIONS = "socialwire.interactions";

    private final Path dataDir = HubTestSupport.newDataDir();

    @Test
    void aRestartKeepsWhatKafkaHeldAndDoesNotRedeliverWhatWasDone() {
        try (ConfigurableApplicationContext first = start()) {
            HubClient hub = client(first);
            assertThat(hub.sendMeta(Fixtures.bytes("fixtures/meta/page-feed-comment.json")).statusCode())
                    .isEqualTo(200);
            awaitIncident(hub, "facebook:2002_3003");
            try (TopicProbe topics = probe(first)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> topics.committedOffset("socialwire-dispatch", INTERACTIONS) == 1);
            }
        }

        try (ConfigurableApplicationContext second = start()) {
            HubClient hub = client(second);
            try (TopicProbe topics = probe(second)) {
                List<ConsumerRecord<String, String>> kept = topics.readAll(INTERACTIONS);
                assertThat(kept).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("facebook:104512345678901_2002");
                    assertThat(r.value()).contains("\"id\":\"facebook:2002_3003\"",
                            "\"text\":\"My order #4411 arrived broken and nobody answers. Terrible service!\"");
                });
                assertThat(topics.committedOffset("socialwire-dispatch", INTERACTIONS)).isEqualTo(1);
            }
            // the emulator starts empty; a new interaction is dispatched after anything left uncommitted
            assertThat(hub.sendMeta(Fixtures.bytes("fixtures/meta/page-feed-reply.json")).statusCode())
                    .isEqualTo(200);
            awaitIncident(hub, "facebook:2002_3010");
            assertThat(hub.serviceNowTable("incident", "correlation_idISNOTEMPTY"))
                    .extracting(i -> i.path("correlation_id").asText())
                    .containsExactly("facebook:2002_3010");
        }
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        HubClient.PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--SOCIALWIRE_DATA_DIR=" + dataDir);
        return new SpringApplicationBuilder(SocialwireApplication.class).run(args.toArray(String[]::new));
    }

    private static HubClient client(ConfigurableApplicationContext context) {
        return new HubClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static TopicProbe probe(ConfigurableApplicationContext context) {
        return new TopicProbe(context.getBean(KafkaBootstrap.class).servers());
    }

    private static JsonNode awaitIncident(HubClient hub, String interactionId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> hub.serviceNowTable("incident", "correlation_id=" + interactionId), r -> r.size() == 1)
                .get(0);
    }
}
