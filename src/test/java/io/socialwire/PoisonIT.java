package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One interaction among 1,000 that its target refuses (ServiceNow answers 400 for the HR case) is dead-lettered
 * at once, while the 999 others become records; once the target accepts it again, a replay brings it to 1,000.
 */
class PoisonIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INTERACTIONS = 1000;

    @Autowired
    private EmulatorFaults faults;

    @AfterEach
    void clear() {
        faults.clear();
    }

    @Test
    void onePoisonAmongAThousandIsDeadLetteredAndReplayedAfterTheFix() throws Exception {
        HubClient hub = hub();
        String run = "p" + UUID.randomUUID().toString().substring(0, 8);
        faults.failNext("POST", "/api/now/table/sn_hr_core_case", 1, 400);
        int poison = INTERACTIONS / 2;
        long start = System.nanoTime();
        java.time.Instant poisonAccepted = null;
        for (int batch = 0; batch < INTERACTIONS / 50; batch++) {
            ArrayNode interactions = JSON.createArrayNode();
            for (int i = batch * 50; i < batch * 50 + 50; i++) {
                String text = i == poison ? "Are you hiring? Where do I send my job application?"
                        : "my order " + i + " arrived broken, please help";
                interactions.add(JSON.readTree(Payloads.canonical("x", "post", run + "-" + i, null, "a" + i,
                        "h" + i, text)));
            }
            assertThat(hub.sendGeneric(interactions.toString()).statusCode()).isEqualTo(200);
            if (batch == poison / 50) {
                poisonAccepted = java.time.Instant.now();
            }
        }

        String poisonId = "x:" + run + "-" + poison;
        JsonNode dead = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> entry(hub, poisonId), e -> e != null);
        double toDeadLetter = Duration.between(poisonAccepted,
                java.time.Instant.parse(dead.path("failedAt").asText())).toMillis() / 1000.0;
        assertThat(dead.path("reason").asText()).startsWith("ServiceNow 400");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> incidents(hub, run).size() == INTERACTIONS - 1);
        double toRecords = (System.nanoTime() - start) / 1e9;
        assertThat(hrCases(hub, run)).isEmpty();

        JsonNode replayed = JSON.readTree(hub.post("/api/dlq/replay", "{\"ids\":[\"" + poisonId + "\"]}").body());
        assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> hrCases(hub, run).size() == 1);
        List<String> records = new ArrayList<>();
        incidents(hub, run).forEach(r -> records.add(r.path("correlation_id").asText()));
        hrCases(hub, run).forEach(r -> records.add(r.path("correlation_id").asText()));
        assertThat(records).hasSize(INTERACTIONS).doesNotHaveDuplicates();
        System.out.printf("Poison among %d: dead-lettered %.1f s after it was accepted (behind the queue; no retries); %d other "
                + "records %.1f s after the first; after replay %d records, 0 duplicates%n", INTERACTIONS,
                toDeadLetter, INTERACTIONS - 1, toRecords, records.size());
    }

    private static JsonNode entry(HubClient hub, String interactionId) throws Exception {
        for (JsonNode e : JSON.readTree(hub.get("/api/dlq?pending=true").body()).path("entries")) {
            if (e.path("interactionId").asText().equals(interactionId)) {
                return e;
            }
        }
        return null;
    }

    private static List<JsonNode> incidents(HubClient hub, String run) {
        return hub.serviceNowTable("incident", "correlation_idSTARTSWITHx:" + run + "-");
    }

    private static List<JsonNode> hrCases(HubClient hub, String run) {
        return hub.serviceNowTable("sn_hr_core_case", "correlation_idSTARTSWITHx:" + run + "-");
    }
}
