package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.NodeScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator console (/console) as an operator uses it, in Debian's headless Chromium driven by playwright-core
 * (src/test/node/console-check.mjs): signs in, finds an interaction by id and sees the rule that routed it and the
 * number of the Jira issue it became, replays a dead letter and sees its issue land, runs the routing examples, tries
 * an edited rule set, erases a person. With CONSOLE_SCREENSHOTS set to a folder (docs/console) it saves a screenshot
 * of each view there.
 */
class ConsoleBrowserIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private EmulatorFaults faults;

    @BeforeAll
    static void installTheBrowserDriver() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium package (.ci/run installs it)").isExecutable();
        NodeScripts.install("playwright-core");
    }

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @Test
    void anOperatorTracesAnInteractionReplaysADeadLetterAndTriesTheRules() throws Exception {
        HubClient hub = hub();
        // a dead letter: Jira refuses the first issue
        faults.failNext("POST", "/emulators/jira/rest/api/3/issue", 1, 400);
        String deadLetterId = "x:dl" + run;
        assertThat(hub.sendGeneric(post("dl" + run, "dl-" + run, "Feature request: please add CSV export to the "
                + "reports")).statusCode()).isEqualTo(200);
        await().atMost(DELIVERY).until(() -> pendingDeadLetter(hub, deadLetterId));
        // an interaction that becomes an issue
        String interactionId = "x:fr" + run;
        assertThat(hub.sendGeneric(post("fr" + run, "ana-" + run, "Feature request: please add a dark mode to the "
                + "app")).statusCode()).isEqualTo(200);
        JsonNode issue = await().atMost(DELIVERY).until(() -> issuesOf(hub, "fr" + run), i -> i.size() == 1).get(0);
        String key = issue.path("key").asText();
        await().atMost(DELIVERY).until(() -> hub.get("/api/trace/" + interactionId).body(),
                b -> b.contains("\"step\":\"record\""));
        int examples = new YAMLMapper().readTree(Path.of("config/routing-tests.yaml").toFile()).path("examples")
                .size();

        JsonNode seen = NodeScripts.node(240, "console-check.mjs", "http://localhost:" + port, HubClient.API_TOKEN,
                interactionId, deadLetterId, Path.of("config/routing.yaml").toAbsolutePath().toString(), "x",
                "ana-" + run, "ana_" + run, screenshots());

        assertThat(seen.path("status").asInt()).isEqualTo(200);
        assertThat(seen.path("csp").asText()).contains("default-src 'none'", "script-src 'self'",
                "frame-ancestors 'none'");
        assertThat(seen.path("wrongToken").asText()).contains("401");
        assertThat(seen.path("tokenKeptIn")).isEqualTo(JSON.readTree(
                "{\"sessionStorage\":true,\"localStorage\":0,\"cookies\":\"\"}"));

        assertThat(JSON.convertValue(seen.path("byAuthor"), List.class)).containsExactly(interactionId);
        JsonNode trace = seen.path("trace");
        assertThat(trace.path("hash").asText()).isEqualTo("#trace/" + interactionId.replace(":", "%3A"));
        assertThat(trace.path("number").asText()).isEqualTo(key);
        assertThat(trace.path("department").asText()).isEqualTo("product");
        // the rule the console shows is the one the issue itself names
        assertThat(issue.path("fields").path("description").toString())
                .contains("rule '" + trace.path("rule").asText() + "'");
        assertThat(JSON.convertValue(trace.path("steps"), List.class)).contains("received", "dispatched", "record");

        assertThat(seen.path("live").path("polledAgain").asBoolean()).isTrue();
        assertThat(seen.path("live").path("navigations").asInt()).as("no reload").isEqualTo(1);
        assertThat(seen.path("live").path("dlqSize").asInt()).isPositive();
        assertThat(seen.path("live").path("lagGroups").asInt()).isPositive();

        JsonNode deadLetter = seen.path("deadLetter");
        assertThat(deadLetter.path("target").asText()).isEqualTo("jira-issue");
        assertThat(deadLetter.path("reason").asText()).startsWith("Jira answered HTTP 400");
        assertThat(deadLetter.path("maskedPayload").asText()).contains(deadLetterId)
                .doesNotContain("dl_" + run, "CSV export");
        assertThat(deadLetter.path("unmaskedPayload").asText()).contains("dl_" + run, "CSV export");
        assertThat(seen.path("replay").path("said").asText()).isEqualTo("Replayed 1 dead letter.");
        String replayedKey = await().atMost(DELIVERY).until(() -> issuesOf(hub, "dl" + run), i -> i.size() == 1)
                .get(0).path("key").asText();
        assertThat(seen.path("replay").path("landedNumber").asText()).isEqualTo(replayedKey);

        assertThat(seen.path("explain").path("department").asText()).isEqualTo("pr");
        assertThat(seen.path("explain").path("rule").asText()).isEqualTo("pr-high-reach-negative");
        assertThat(seen.path("tests")).isEqualTo(JSON.readTree("{\"passed\":" + examples + ",\"failed\":0,\"rows\":"
                + examples + ",\"failedRows\":0}"));
        JsonNode proposed = seen.path("proposed");
        assertThat(proposed.path("passed").asInt() + proposed.path("failed").asInt()).isEqualTo(examples);
        assertThat(proposed.path("failed").asInt()).isPositive();
        assertThat(proposed.path("failedTexts").toString()).contains("Terrible, useless product");
        assertThat(JSON.readTree(hub.post("/api/routing/explain", "{\"text\":\"Terrible, useless product. The "
                + "worst experience I've ever had with a company.\",\"author\":{\"followers\":250000}}").body())
                .path("rule").asText()).as("the active rules are unchanged").isEqualTo("pr-high-reach-negative");

        assertThat(seen.path("erasure").path("interactions").asInt()).isEqualTo(1);
        assertThat(seen.path("phone").path("overflowsSideways").asBoolean()).isFalse();
        assertThat(seen.path("afterForget")).isEqualTo(JSON.readTree("{\"loginShown\":true,\"tokenKept\":0}"));
        assertThat(seen.path("cspViolations")).isEmpty();
        assertThat(seen.path("pageErrors")).isEmpty();
        assertThat(seen.path("otherHosts")).isEmpty();
    }

    /** The folder CONSOLE_SCREENSHOTS names (made when missing), or "" for none. */
    private static String screenshots() throws Exception {
        String folder = System.getenv("CONSOLE_SCREENSHOTS");
        if (folder == null || folder.isBlank()) {
            return "";
        }
        Path path = Files.createDirectories(Path.of(folder).toAbsolutePath());
        return path.toString();
    }

    private static boolean pendingDeadLetter(HubClient hub, String interactionId) throws Exception {
        for (JsonNode entry : JSON.readTree(hub.get("/api/dlq?pending=true").body()).path("entries")) {
            if (entry.path("interactionId").asText().equals(interactionId)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> issuesOf(HubClient hub, String conversationExternalId) {
        return hub.jiraIssues("project = SOC AND labels = \"sw-conversation-x:" + conversationExternalId + "\"");
    }

    private String post(String externalId, String authorId, String text) {
        ObjectNode post = JSON.createObjectNode();
        post.put("channel", "x").put("kind", "post").put("externalId", externalId)
                .put("conversationId", "x:" + externalId).put("text", text)
                .put("url", "https://x.com/" + authorId + "/status/" + externalId);
        post.putObject("author").put("id", authorId).put("handle", authorId.replace('-', '_'))
                .put("displayName", "Ana").put("followers", 310);
        return post.toString();
    }
}
