package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/trace end to end: a complaint signed per Standard Webhooks goes through Kafka, dispatch and the
 * ServiceNow emulator; its trace shows how it came in, where Kafka holds it, the rule, the lane, the incident (as
 * the emulator's API has it) and the follow-up in its conversation; the searches by conversation and by handle find
 * both; after the author's erasure the trace holds only the erasure and the handle finds nothing.
 */
class TraceIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private HubClient hub;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @Test
    void aComplaintsTraceShowsItsRuleLaneIncidentAndFollowUpUntilItsAuthorIsErased() throws Exception {
        String author = "tr-" + run;
        String handle = "Trace_" + run;
        String first = "x:t1" + run;
        String followUp = "x:t2" + run;
        send(Payloads.canonical("x", "post", "t1" + run, null, author, handle,
                "My order arrived broken and nobody answers. Terrible service!"));
        JsonNode incident = awaitIncident(first);
        // its receipt, written just after the incident: the follow-up comes after it
        await().atMost(DELIVERY).until(() -> hub.whereDid(first).statusCode() == 200);
        send(Payloads.canonical("x", "reply", "t2" + run, first, author, handle, "Still waiting, still broken"));

        JsonNode trace = await().atMost(DELIVERY).until(() -> trace(first), t -> t != null
                && steps(t, "followUp").size() == 1 && !steps(t, "record").isEmpty());

        assertThat(trace.path("interactionId").asText()).isEqualTo(first);
        assertThat(trace.path("conversationId").asText()).isEqualTo(first);
        assertThat(trace.path("channel").asText()).isEqualTo("x");
        assertThat(trace.path("author").path("handle").asText()).isEqualTo(handle);
        List<String> order = new ArrayList<>();
        trace.path("steps").forEach(step -> order.add(step.path("step").asText()));
        assertThat(order).containsExactly("received", "kafka", "dispatched", "record", "followUp");
        JsonNode received = steps(trace, "received").get(0);
        assertThat(received.path("via").asText()).isEqualTo("generic-webhook");
        assertThat(received.path("signatureScheme").asText()).isEqualTo("Standard Webhooks (HMAC-SHA256)");
        assertThat(received.path("kind").asText()).isEqualTo("post");
        JsonNode kafka = steps(trace, "kafka").get(0);
        assertThat(kafka.path("topic").asText()).isEqualTo("socialwire.interactions");
        assertThat(kafka.path("offset").asLong()).isNotNegative();
        JsonNode dispatched = steps(trace, "dispatched").get(0);
        assertThat(dispatched.path("rule").asText()).isEqualTo("classifier");
        assertThat(dispatched.path("department").asText()).isEqualTo("support");
        assertThat(dispatched.path("lane").asText()).isEqualTo("support");
        assertThat(dispatched.path("language").asText()).isEqualTo("en");
        assertThat(dispatched.path("sentiment").path("label").asText()).isEqualTo("negative");
        assertThat(dispatched.path("classifier").path("department").asText()).isEqualTo("support");
        assertThat(dispatched.path("conditions").get(0).asText()).startsWith("the classifier: support");
        JsonNode record = steps(trace, "record").get(0);
        assertThat(record.path("system").asText()).isEqualTo("servicenow");
        assertThat(record.path("action").asText()).isEqualTo("created");
        assertThat(record.path("recordId").asText()).isEqualTo(incident.path("sys_id").asText());
        assertThat(record.path("number").asText()).isEqualTo(incident.path("number").asText()).matches("INC\\d{7}");
        assertThat(record.path("url").asText()).contains(incident.path("sys_id").asText());
        assertThat(steps(trace, "followUp").get(0).path("interactionId").asText()).isEqualTo(followUp);

        JsonNode byConversation = get("/api/trace?conversation=" + encode(first));
        assertThat(ids(byConversation)).containsExactly(followUp, first);
        assertThat(byConversation.path("interactions").get(1).path("rule").asText()).isEqualTo("classifier");
        assertThat(ids(get("/api/trace?author=" + encode("@" + handle.toUpperCase())))).containsExactly(followUp, first);
        assertThat(hub.get("/api/trace?author=").statusCode()).isEqualTo(400);

        assertThat(hub.post("/api/erasure", "{\"channel\":\"x\",\"authorId\":\"" + author + "\"}").statusCode())
                .isEqualTo(200);

        JsonNode erased = trace(first);
        assertThat(erased.path("author").isNull()).isTrue();
        assertThat(erased.path("steps")).singleElement()
                .satisfies(step -> assertThat(step.path("step").asText()).isEqualTo("erased"));
        assertThat(erased.toString()).doesNotContainIgnoringCase(handle);
        await().atMost(DELIVERY).until(() -> ids(get("/api/trace?author=" + encode(handle))).isEmpty());
        assertThat(ids(get("/api/trace?conversation=" + encode(first)))).containsExactly(followUp, first);
    }

    @Test
    void liveFiguresRoutingTestsAndDeadLettersAnswerOnTheRunningHub() throws Exception {
        send(Payloads.canonical("x", "post", "l1" + run, null, "lv-" + run, "live_" + run,
                "My order arrived broken and nobody answers. Terrible service!"));
        awaitIncident("x:l1" + run);
        await().atMost(DELIVERY).until(() -> hub.whereDid("x:l1" + run).statusCode() == 200);

        JsonNode live = get("/api/live");
        assertThat(live.path("interactionsIn").path("total").asLong()).isPositive();
        assertThat(live.path("recordsOut").path("total").asLong()).isPositive();
        assertThat(live.path("interactionsIn").path("perSecond").isNumber()).isTrue();
        assertThat(live.path("consumerLag").fieldNames()).toIterable().isNotEmpty();
        assertThat(live.path("circuits").path("servicenow").asText()).isEqualTo("CLOSED");
        assertThat(live.path("dlq").path("size").isIntegralNumber()).isTrue();
        assertThat(live.path("repliesPending").isIntegralNumber()).isTrue();
        assertThat(live.path("instance").asText()).isNotBlank();

        var tests = hub.post("/api/routing/tests", "{}");
        assertThat(tests.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(tests.body());
        assertThat(results.path("rules").asText()).isEqualTo("current");
        assertThat(results.path("failed").asInt()).isZero();
        assertThat(results.path("passed").asInt()).isEqualTo(results.path("results").size()).isPositive();
        assertThat(hub.post("/api/routing/tests", "{\"rules\":\"rules: [\"}").statusCode()).isEqualTo(400);

        assertThat(hub.get("/api/dlq/entry?interaction=" + encode("x:l1" + run)).statusCode()).isEqualTo(404);
    }

    private void send(String canonical) {
        assertThat(hub.sendGeneric(canonical).statusCode()).isEqualTo(200);
    }

    private JsonNode awaitIncident(String interactionId) {
        return await().atMost(DELIVERY).until(() -> hub.serviceNowTable("incident", "correlation_id=" + interactionId),
                found -> found.size() == 1).get(0);
    }

    private JsonNode trace(String interactionId) throws Exception {
        var response = hub.get("/api/trace/" + encode(interactionId));
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        var response = hub.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> steps(JsonNode trace, String name) {
        List<JsonNode> found = new ArrayList<>();
        trace.path("steps").forEach(step -> {
            if (step.path("step").asText().equals(name)) {
                found.add(step);
            }
        });
        return found;
    }

    private static List<String> ids(JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.path("interactions").forEach(i -> ids.add(i.path("interactionId").asText()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
