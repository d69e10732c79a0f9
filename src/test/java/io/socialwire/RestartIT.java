package io.socialwire;

import static io.socialwire.support.Payloads.delivery;
import static io.socialwire.support.Payloads.facebookComment;
import static io.socialwire.support.Payloads.facebookPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ConversationIndex;
import io.socialwire.kafka.KafkaBootstrap;
import emulators.EmulatorServer;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubTestSupport;
import io.socialwire.support.TopicProbe;
import io.socialwire.tryit.TryItApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restarts of the hub while its systems of record (the emulators, in a context of their own) keep running:
 * Kafka keeps what it held, the conversation index is rebuilt before dispatch consumes, and a conversation whose
 * index entry is gone is found again through the target.
 */
class RestartIT {

    private static final String INTERACTIONS = "socialwire.interactions";
    private static final String CONVERSATION = "facebook:42_restart";

    private static ConfigurableApplicationContext emulators;
    private static HubClient reader;

    @BeforeAll
    static void startEmulators() {
        emulators = EmulatorServer.start();
        reader = new HubClient(EmulatorServer.port(emulators));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @Test
    void aRestartKeepsKafkaRebuildsTheIndexAndFollowUpsCommentOnTheOldRecord() {
        Path dataDir = HubTestSupport.newDataDir();
        byte[] first = delivery("page", List.of(facebookPost("42", "restart", "a1", "Ana Silva",
                "The app lost all my data, this is terrible")));
        try (ConfigurableApplicationContext hub = startHub(dataDir)) {
            assertThat(client(hub).sendMeta(first).statusCode()).isEqualTo(200);
            awaitIncidents(1);
            try (TopicProbe topics = probe(hub)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> topics.committedOffset("socialwire-dispatch", INTERACTIONS) == 1);
            }
        }

        try (ConfigurableApplicationContext hub = startHub(dataDir)) {
            assertThat(hub.getBean(ConversationIndex.class).find(CONVERSATION)).isNotNull();
            try (TopicProbe topics = probe(hub)) {
                List<ConsumerRecord<String, String>> kept = topics.readAll(INTERACTIONS);
                assertThat(kept).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(CONVERSATION));
                assertThat(topics.committedOffset("socialwire-dispatch", INTERACTIONS)).isEqualTo(1);
            }
            HubClient client = client(hub);
            // the channel retries the first message after the restart, then the customer follows up
            assertThat(client.sendMeta(first).statusCode()).isEqualTo(200);
            assertThat(client.sendMeta(delivery("page", List.of(facebookComment("42", "restart", "c1", "42_restart",
                    "a1", "Ana Silva", "Hello? Anyone?")))).statusCode()).isEqualTo(200);
            JsonNode incident = awaitIncidents(1).get(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.journal(incident.path("sys_id").asText()).size() == 1);
            assertThat(reader.journal(incident.path("sys_id").asText()).get(0).path("value").asText())
                    .contains("Hello? Anyone?");
        }

        // a hub whose index is gone (a new Kafka) still finds the conversation's incident through ServiceNow
        try (ConfigurableApplicationContext hub = startHub(HubTestSupport.newDataDir())) {
            assertThat(hub.getBean(ConversationIndex.class).find(CONVERSATION)).isNull();
            assertThat(client(hub).sendMeta(delivery("page", List.of(facebookComment("42", "restart", "c2",
                    "42_restart", "a1", "Ana Silva", "Found you again")))).statusCode()).isEqualTo(200);
            JsonNode incident = awaitIncidents(1).get(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.journal(incident.path("sys_id").asText()).size() == 2);
            assertThat(hub.getBean(ConversationIndex.class).find(CONVERSATION).recordId())
                    .isEqualTo(incident.path("sys_id").asText());
        }
    }

    /** A polled channel's cursor survives a restart: what was read is not read again, what came meanwhile is read. */
    @Test
    void aRestartNeitherReReadsNorSkipsPolledPosts() throws Exception {
        Path dataDir = HubTestSupport.newDataDir();
        String before;
        try (ConfigurableApplicationContext hub = startHub(dataDir, "--X_POLL_INTERVAL=300ms",
                "--X_SEARCH_QUERY=@acme restart", "--X_MENTIONS_OF=")) {
            before = tweet("@acme restart: what does a licence cost?");
            try (TopicProbe topics = probe(hub)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> published(topics, before) == 1);
            }
        }
        String during = tweet("@acme restart: and is there a demo?");
        try (ConfigurableApplicationContext hub = startHub(dataDir, "--X_POLL_INTERVAL=300ms",
                "--X_SEARCH_QUERY=@acme restart", "--X_MENTIONS_OF=")) {
            try (TopicProbe topics = probe(hub)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> published(topics, during) == 1);
                String after = tweet("@acme restart: thanks");
                await().atMost(Duration.ofSeconds(30)).until(() -> published(topics, after) == 1);
                assertThat(published(topics, before)).isEqualTo(1);
                assertThat(published(topics, during)).isEqualTo(1);
            }
        }
    }

    private static long published(TopicProbe topics, String tweetId) {
        return topics.readAll(INTERACTIONS).stream().filter(r -> r.value().contains("\"id\":\"x:" + tweetId + "\""))
                .count();
    }

    private static String tweet(String text) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:"
                                + EmulatorServer.port(emulators) + "/emulators/x/2/tweets"))
                        .header("Authorization", "Bearer user:restart_fan").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return new ObjectMapper().readTree(response.body()).path("data").path("id")
                .asText();
    }

    private static ConfigurableApplicationContext startHub(Path dataDir, String... extra) {
        List<String> args = new ArrayList<>();
        HubClient.PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
        EmulatorServer.hubSettings(EmulatorServer.port(emulators)).forEach(s -> args.add("--" + s));
        args.add("--server.port=0");
        args.add("--SOCIALWIRE_DATA_DIR=" + dataDir);
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(SocialwireApplication.class).profiles(TryItApplication.PROFILE)
                .run(args.toArray(String[]::new));
    }

    private static HubClient client(ConfigurableApplicationContext hub) {
        return new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")),
                EmulatorServer.port(emulators));
    }

    private static TopicProbe probe(ConfigurableApplicationContext hub) {
        return new TopicProbe(hub.getBean(KafkaBootstrap.class).servers());
    }

    private static List<JsonNode> awaitIncidents(int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reader.serviceNowTable("incident", "correlation_id=" + CONVERSATION),
                        r -> r.size() == count);
    }
}
