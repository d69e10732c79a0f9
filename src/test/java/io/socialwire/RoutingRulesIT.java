package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules an engineer owns, on a running hub: explained over HTTP, an edit picked up without a restart, and a
 * bad edit refused with file, line and field while the last good rules keep routing.
 */
@DirtiesContext
class RoutingRulesIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = copyOfTheDefaultRules();

    @DynamicPropertySource
    static void rulesFile(DynamicPropertyRegistry registry) {
        registry.add("socialwire.routing.rules", () -> "file:" + RULES);
        registry.add("socialwire.routing.reload-interval", () -> "200ms");
    }

    private HubClient hub;

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @Test
    void explainAnswersTheDepartmentPriorityTargetRuleAndTheConditionsThatHeld() {
        JsonNode answer = explain("{\"text\":\"Reporter here: can Acme comment on the data breach?\","
                + "\"channel\":\"x\",\"author\":{\"handle\":\"jo\",\"followers\":120000,\"verified\":true}}");

        assertThat(answer.path("department").asText()).isEqualTo("pr");
        assertThat(answer.path("priority").asInt()).as("routing.yaml: what the classifier sends to PR").isEqualTo(2);
        assertThat(answer.path("rule").asText()).as("no rule holds: not negative enough for reach to decide")
                .isEqualTo("classifier");
        assertThat(answer.path("target").asText()).isEqualTo("servicenow incident (category pr) + slack-alert");
        assertThat(answer.path("conditions").get(0).asText()).startsWith("the classifier: pr ");
        assertThat(answer.path("language").asText()).isEqualTo("en");
        JsonNode departments = answer.path("classifier").path("departments");
        assertThat(departments.fieldNames().next()).as("likeliest first").isEqualTo("pr");
        assertThat(departments.size()).isEqualTo(6);
        JsonNode nearest = answer.path("classifier").path("nearestExamples");
        assertThat(nearest).hasSize(3);
        assertThat(nearest.get(0).path("where").asText()).matches("config/routing-examples/[a-z]+\\.yaml line \\d+");
        assertThat(nearest.get(0).path("similarity").asDouble()).isBetween(0.0, 1.0);

        JsonNode loud = explain("{\"text\":\"Terrible, useless product. The worst company I have ever dealt with.\","
                + "\"language\":\"en\",\"author\":{\"followers\":250000}}");
        assertThat(loud.path("rule").asText()).isEqualTo("pr-high-reach-negative");
        assertThat(loud.path("conditions")).extracting(JsonNode::asText).containsExactly(
                "sentiment: " + String.format(java.util.Locale.ROOT, "%+.2f",
                        loud.path("sentiment").path("score").asDouble()) + " within [max -0.4]",
                "followers: 250000 within [min 50000]");

        JsonNode nothing = explain("{\"text\":\"hello\"}");
        assertThat(nothing.path("rule").asText()).as("the classifier is not sure: the default, to triage")
                .isEqualTo("low-confidence");
        assertThat(nothing.path("department").asText()).isEqualTo("support");
        assertThat(nothing.path("target").asText()).isEqualTo("servicenow-incident");
        assertThat(nothing.path("conditions").get(0).asText()).contains("is below its min-confidence");
    }

    @Test
    void explainRefusesWhatIsNotAPost() {
        assertThat(hub.post("/api/routing/explain", "{\"channel\":\"x\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = hub.post("/api/routing/explain", "not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("body is not valid JSON");
        HttpResponse<String> badField = hub.post("/api/routing/explain", "{\"text\":\"hi\",\"createdAt\":\"never\"}");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(badField.body()).contains("not a post or interaction");
    }

    @Test
    void anEditIsPickedUpWhileRunningAndABadOneIsRefusedKeepingTheLastGood() throws IOException {
        String post = "{\"text\":\"Do you sponsor quantum knitting circles?\"}";
        assertThat(explain(post).path("rule").asText()).isIn("classifier", "low-confidence");

        String original = Files.readString(RULES);
        Files.writeString(RULES, original.replace("rules:\n", """
                rules:
                  - name: knitting
                    department: hr
                    priority: 5
                    when:
                      keywords:
                        any: [quantum knitting]
                """));
        await().atMost(Duration.ofSeconds(20)).until(() -> explain(post).path("rule").asText(), "knitting"::equals);

        Files.writeString(RULES, Files.readString(RULES).replace("priority: 5", "priority: urgent"));
        JsonNode refused = await().atMost(Duration.ofSeconds(20)).until(this::status,
                s -> !s.path("refused").isNull() && !s.path("refused").isMissingNode());
        long priorityLine = original.substring(0, original.indexOf("rules:\n")).lines().count() + 4;
        assertThat(refused.path("refused").asText()).contains("line " + priorityLine + " field rules[0].priority");
        assertThat(refused.path("rules").get(0).asText()).isEqualTo("knitting");
        assertThat(explain(post).path("rule").asText()).as("the last good rules still route").isEqualTo("knitting");

        String reach = "department: pr\n    priority: 1\n    intent: reputation";
        long line = original.substring(0, original.indexOf(reach)).lines().count();
        Files.writeString(RULES, original.replace(reach, "department: legal\n    priority: 1\n    intent: reputation"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status().path("refused").asText(),
                r -> r.contains("line " + line + " field rules[") && r.contains("].department: no route for department"
                        + " 'legal'"));
        assertThat(explain(post).path("rule").asText()).isEqualTo("knitting");

        Files.writeString(RULES, original);
        await().atMost(Duration.ofSeconds(20)).until(() -> explain(post).path("rule").asText(),
                rule -> !"knitting".equals(rule));
        assertThat(status().path("refused").isNull()).isTrue();
    }

    private JsonNode explain(String post) {
        HttpResponse<String> response = hub.post("/api/routing/explain", post);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    private JsonNode status() {
        return read(hub.get("/api/routing").body());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfTheDefaultRules() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "it-rules"));
            Path copy = dir.resolve("routing-" + UUID.randomUUID() + ".yaml");
            Files.copy(Path.of("config", "routing.yaml"), copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
