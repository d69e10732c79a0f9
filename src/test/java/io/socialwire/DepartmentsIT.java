package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.sinks.http.HttpTargets;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each department ends in its own system, through its route and kamelet, over real HTTP and Kafka: marketing in
 * the marketing-automation system (HMAC-signed) and on socialwire.marketing, PR as a priority-1 incident plus a
 * Slack alert. (Support, sales and HR are in SocialwireIT, ConversationsIT and SalesforceCaseIT.)
 */
class DepartmentsIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private HubClient hub;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private EmulatorFaults faults;

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @Test
    void praiseGoesToTheMarketingSystemSignedAndToTheAnalyticsTopic() throws Exception {
        String text = "Absolutely love the new hub, our home has never felt so cosy! \"10/10\"";
        assertThat(hub.sendGeneric(post("m1" + run, text, 900, false)).statusCode()).isEqualTo(200);
        String id = "x:m1" + run;

        JsonNode delivery = await().atMost(DELIVERY).until(() -> hub.received("marketing").stream()
                .filter(d -> d.path("headers").path("idempotency-key").asText().equals(id)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        JsonNode headers = delivery.path("headers");
        byte[] body = delivery.path("body").asText().getBytes(StandardCharsets.UTF_8);
        String timestamp = headers.path("x-socialwire-timestamp").asText();
        assertThat(headers.path("x-socialwire-signature").asText())
                .isEqualTo("sha256=" + HttpTargets.signature(HubClient.MARKETING_SECRET, timestamp, body));
        assertThat(headers.path("content-type").asText()).startsWith("application/json");
        assertThat(headers.has("department") || headers.has("personid") || headers.has("kafka.key")).isFalse();
        JsonNode event = JSON.readTree(body);
        assertThat(event.path("event").asText()).isEqualTo("social.interaction");
        assertThat(event.path("id").asText()).isEqualTo(id);
        assertThat(event.path("channel").asText()).isEqualTo("x");
        assertThat(event.path("text").asText()).isEqualTo(text);
        assertThat(event.path("contact").path("handle").asText()).isEqualTo("fan_" + run);
        assertThat(event.path("contact").path("followers").asLong()).isEqualTo(900);
        assertThat(event.path("sentiment").asText()).isEqualTo("positive");
        assertThat(event.path("rule").asText()).isEqualTo("classifier");

        try (TopicProbe topics = topics()) {
            ConsumerRecord<String, String> analytics = await().atMost(DELIVERY).until(
                    () -> topics.readAll("socialwire.marketing").stream()
                            .filter(r -> read(r.value()).path("id").asText().equals(id)).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(analytics.key()).isEqualTo(id);
            JsonNode interaction = JSON.readTree(analytics.value());
            assertThat(interaction.path("enrichment").path("department").asText()).isEqualTo("marketing");
            assertThat(interaction.path("author").path("handle").asText()).isEqualTo("fan_" + run);
        }
        await().atMost(DELIVERY).until(() -> hub.whereDid(id).body(), b -> b.contains("\"system\":\"kafka\""));
        assertThat(hub.whereDid(id).body()).contains("\"system\":\"marketing-webhook\"", "\"action\":\"sent\"");
    }

    @Test
    void aHighReachNegativePostIsAPriorityOneIncidentAndOneSlackAlert() {
        String text = "Terrible, useless product and the worst service I have ever had. Avoid this company.";
        assertThat(hub.sendGeneric(post("p1" + run, text, 250_000, true)).statusCode()).isEqualTo(200);

        JsonNode incident = await().atMost(DELIVERY).until(() -> hub.serviceNowTable("incident",
                "correlation_id=x:p1" + run), r -> r.size() == 1).get(0);
        assertThat(incident.path("priority").asText()).isEqualTo("1");
        assertThat(incident.path("category").asText()).isEqualTo("pr");
        assertThat(incident.path("subcategory").asText()).isEqualTo("pr");
        assertThat(incident.path("description").asText()).contains("Routing:      rule 'pr-high-reach-negative'");

        JsonNode alert = await().atMost(DELIVERY).until(() -> alertsAbout("x:p1" + run), a -> a.size() == 1)
                .get(0);
        JsonNode message = read(alert.path("body").asText());
        assertThat(message.path("text").asText()).contains("@critic_" + run, "250000 followers",
                "/api/now/table/incident/" + incident.path("sys_id").asText());
        assertThat(message.path("blocks").get(0).path("text").path("text").asText()).contains(text);

        // a reply in the same conversation is a journal entry on the incident, without a second alert
        assertThat(hub.sendGeneric(reply("p2" + run, "x:p1" + run, "Still no answer from Acme. Shameful."))
                .statusCode()).isEqualTo(200);
        await().atMost(DELIVERY).until(() -> hub.journal(incident.path("sys_id").asText()), j -> j.size() == 1);
        assertThat(alertsAbout("x:p1" + run)).hasSize(1);
    }

    @Test
    void aRefusedEventIsDeadLetteredWithTheStatusNotTheUrlListedAndReplayedOnceTheCauseIsGone()
            throws Exception {
        faults.failNext("POST", "/emulators/receiver/marketing", 1, 422);
        String id = "x:r1" + run;
        try (TopicProbe topics = topics()) {
            assertThat(hub.sendGeneric(post("r1" + run, "What a fantastic launch event, loved every minute!", 300,
                    false)).statusCode()).isEqualTo(200);

            ConsumerRecord<String, String> dead = await().atMost(DELIVERY).until(
                    () -> topics.readAll("socialwire.dlq").stream()
                            .filter(r -> read(r.value()).path("id").asText().equals(id))
                            .findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(header(dead, "socialwire_dlq_reason")).isEqualTo("marketing-webhook answered HTTP 422");
            assertThat(header(dead, "socialwire_dlq_target")).isEqualTo("marketing-webhook");
            assertThat(header(dead, "socialwire_dlq_interaction")).isEqualTo(id);
        }

        JsonNode listed = read(hub.get("/api/dlq?target=marketing-webhook&pending=true").body());
        JsonNode entry = stream(listed.path("entries")).filter(e -> e.path("interactionId").asText().equals(id))
                .findFirst().orElseThrow();
        assertThat(entry.path("reason").asText()).isEqualTo("marketing-webhook answered HTTP 422");
        assertThat(entry.path("attempts").asInt()).isEqualTo(1);
        assertThat(entry.path("replayedAt").isNull()).isTrue();
        assertThat(entry.toString()).doesNotContain("fantastic");

        // the marketing system accepts again (the fault was for one call): replay that one entry
        JsonNode replayed = read(hub.post("/api/dlq/replay", "{\"ids\":[\"" + id + "\"]}").body());
        assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> hub.received("marketing").stream()
                .anyMatch(d -> d.path("headers").path("idempotency-key").asText().equals(id)));
        assertThat(read(hub.post("/api/dlq/replay", "{\"ids\":[\"" + id + "\"]}").body()).path("replayed")
                .asInt()).as("a replayed entry is not replayed again by accident").isZero();
        assertThat(hub.post("/api/dlq/replay", "{}").statusCode()).isEqualTo(400);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private List<JsonNode> alertsAbout(String interactionId) {
        String handle = "@critic_" + run;
        return hub.received("pr-alerts").stream().filter(d -> d.path("body").asText().contains(handle)).toList();
    }

    private String post(String externalId, String text, long followers, boolean verified) {
        ObjectNode node = JSON.createObjectNode().put("channel", "x").put("kind", "post")
                .put("externalId", externalId).put("text", text).put("language", "en");
        String handle = (followers > 50_000 ? "critic_" : "fan_") + run;
        node.putObject("author").put("id", "a" + externalId).put("handle", handle).put("displayName", handle)
                .put("followers", followers).put("verified", verified);
        return node.toString();
    }

    private String reply(String externalId, String conversationId, String text) {
        ObjectNode node = JSON.createObjectNode().put("channel", "x").put("kind", "reply")
                .put("externalId", externalId).put("conversationId", conversationId).put("text", text);
        node.putObject("author").put("id", "b" + externalId).put("handle", "other_" + run);
        return node.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
