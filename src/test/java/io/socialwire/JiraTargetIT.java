package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Jira target as docs/adding-a-target.md builds it (AddingATargetDocTest checks the page shows these files),
 * end to end over real HTTP: a feature request becomes an issue in the product project with its social context,
 * follow-ups become comments, nothing is written twice, an issue is found again when the index does not know it,
 * and an issue Jira refuses is dead-lettered with Jira's status and can be replayed.
 */
class JiraTargetIT extends HubIntegrationTest {

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
    void aFeatureRequestBecomesAnIssueAndItsFollowUpsCommentsOnceEach() {
        String id = "x:fr" + run;
        String request = post("fr" + run, "fr" + run, "Feature request: please add a dark mode to the app 🙏");
        assertThat(hub.sendGeneric(request).statusCode()).isEqualTo(200);

        JsonNode issue = await().atMost(DELIVERY).until(() -> issuesOf("fr" + run), i -> i.size() == 1).get(0);
        JsonNode fields = issue.path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("SOC");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("summary").asText()).contains("dark mode");
        assertThat(labels(fields)).contains("socialwire", "sw-channel-x", "sw-conversation-" + id,
                "sw-interaction-" + id);
        String description = fields.path("description").toString();
        assertThat(description).contains("Interaction:  " + id, "@ana_" + run, "rule 'classifier'",
                "please add a dark mode");
        String key = issue.path("key").asText();
        await().atMost(DELIVERY).until(() -> hub.whereDid(id).body(), b -> b.contains("\"action\":\"created\""));
        assertThat(hub.whereDid(id).body()).contains("\"system\":\"jira\"", "\"recordId\":\"" + key + "\"",
                "/emulators/jira/browse/" + key);

        String followUp = reply("fu" + run, id, "Also a keyboard shortcut to switch it, please");
        assertThat(hub.sendGeneric(followUp).statusCode()).isEqualTo(200);
        await().atMost(DELIVERY).until(() -> comments(key), c -> c.size() == 1);
        assertThat(comments(key).get(0).toString()).contains("keyboard shortcut", "(socialwire:x:fu" + run + ")");

        // the channel sends both again: no second issue, no second comment
        assertThat(hub.sendGeneric(request).statusCode()).isEqualTo(200);
        assertThat(hub.sendGeneric(followUp).statusCode()).isEqualTo(200);
        String marker = "x:again" + run;
        assertThat(hub.sendGeneric(reply("again" + run, id, "And thanks for listening!"))).isNotNull();
        await().atMost(DELIVERY).until(() -> comments(key), c -> c.size() == 2);
        assertThat(comments(key).get(1).toString()).contains("(socialwire:" + marker + ")");
        assertThat(issuesOf("fr" + run)).hasSize(1);
    }

    @Test
    void anIssueTheIndexDoesNotKnowIsFoundInJiraAndContinued() {
        String conversation = "x:old" + run;
        // an issue the hub created for this conversation before its index was lost
        ObjectNode created = JSON.createObjectNode();
        ObjectNode fields = created.putObject("fields");
        fields.putObject("project").put("key", "SOC");
        fields.putObject("issuetype").put("name", "Task");
        fields.put("summary", "Feature request from before");
        fields.putArray("labels").add("socialwire").add("sw-conversation-" + conversation)
                .add("sw-interaction-" + conversation);
        String key = hub.jira("POST", "/issue", created.toString()).path("key").asText();

        assertThat(hub.sendGeneric(reply("late" + run, conversation, "Any news on the export feature request?"))
                .statusCode()).isEqualTo(200);

        await().atMost(DELIVERY).until(() -> comments(key), c -> c.size() == 1);
        assertThat(comments(key).get(0).toString()).contains("(socialwire:x:late" + run + ")");
        assertThat(issuesOf("old" + run)).as("continued, not created again").hasSize(1);
    }

    @Test
    void anIssueJiraRefusesIsDeadLetteredWithJirasStatusAndReplayed() {
        faults.failNext("POST", "/emulators/jira/rest/api/3/issue", 1, 400);
        String id = "x:bad" + run;
        assertThat(hub.sendGeneric(post("bad" + run, "bad" + run, "Feature request: please add CSV export"))
                .statusCode()).isEqualTo(200);

        JsonNode entry = await().atMost(DELIVERY).until(() -> deadLetter(id), e -> e != null);
        assertThat(entry.path("target").asText()).isEqualTo("jira-issue");
        assertThat(entry.path("reason").asText()).startsWith("Jira answered HTTP 400");

        assertThat(hub.post("/api/dlq/replay", "{\"ids\":[\"" + id + "\"]}").statusCode()).isEqualTo(200);
        await().atMost(DELIVERY).until(() -> issuesOf("bad" + run), i -> i.size() == 1);
    }

    private JsonNode deadLetter(String interactionId) throws Exception {
        for (JsonNode entry : JSON.readTree(hub.get("/api/dlq?pending=true").body()).path("entries")) {
            if (entry.path("interactionId").asText().equals(interactionId)) {
                return entry;
            }
        }
        return null;
    }

    private List<JsonNode> issuesOf(String conversationExternalId) {
        return hub.jiraIssues("project = SOC AND labels = \"sw-conversation-x:" + conversationExternalId + "\"");
    }

    private List<JsonNode> comments(String key) {
        List<JsonNode> comments = new java.util.ArrayList<>();
        hub.jira("GET", "/issue/" + key + "/comment", null).path("comments").forEach(comments::add);
        return comments;
    }

    private static List<String> labels(JsonNode fields) {
        List<String> labels = new java.util.ArrayList<>();
        fields.path("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    private String post(String externalId, String conversation, String text) {
        ObjectNode post = JSON.createObjectNode();
        post.put("channel", "x").put("kind", "post").put("externalId", externalId)
                .put("conversationId", "x:" + conversation).put("text", text)
                .put("url", "https://x.com/ana/status/" + externalId);
        post.putObject("author").put("id", "ana-" + run).put("handle", "ana_" + run).put("displayName", "Ana")
                .put("followers", 310);
        return post.toString();
    }

    private String reply(String externalId, String conversationId, String text) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("channel", "x").put("kind", "reply").put("externalId", externalId)
                .put("conversationId", conversationId).put("text", text);
        reply.putObject("author").put("id", "ana-" + run).put("handle", "ana_" + run).put("displayName", "Ana");
        return reply.toString();
    }
}
