package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.NodeScripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Jira and Zendesk emulators as clients no one here wrote see them: npm's jira.js (Version3Client) and
 * node-zendesk, unchanged, run by node from src/test/node against the hub's port. Node modules are installed from
 * package-lock.json when missing (NodeScripts).
 */
class EmulatorNodeClientsIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CreatedRecords records;

    @BeforeAll
    static void installNodeModules() throws Exception {
        NodeScripts.install("jira.js", "node-zendesk");
    }

    @Test
    void jiraJsCreatesCommentsReadsAndFindsAnIssueByItsConversationLabel() throws Exception {
        String conversation = "x:" + UUID.randomUUID();
        long before = records.after(0, null, Integer.MAX_VALUE).next();

        JsonNode seen = node("jira-client-check.mjs", conversation);

        String key = seen.path("created").path("key").asText();
        assertThat(key).matches("SOC-\\d+");
        assertThat(seen.path("created").path("self").asText())
                .isEqualTo("http://localhost:" + port + "/emulators/jira/rest/api/3/issue/"
                        + seen.path("created").path("id").asText());
        assertThat(seen.path("comment").path("text").asText()).isEqualTo("Follow-up: on mobile too");
        assertThat(seen.path("comment").path("author").asText()).isEqualTo(HubClient.USER);
        JsonNode issue = seen.path("issue");
        assertThat(issue.path("key").asText()).isEqualTo(key);
        assertThat(issue.path("summary").asText()).isEqualTo("Feature request: dark mode");
        assertThat(JSON.convertValue(issue.path("labels"), List.class))
                .containsExactly("sw-conv-" + conversation, "channel-x");
        assertThat(issue.path("project").asText()).isEqualTo("SOC");
        assertThat(issue.path("issuetype").asText()).isEqualTo("Task");
        assertThat(issue.path("status").asText()).isEqualTo("To Do");
        assertThat(issue.path("description").asText()).isEqualTo("Customer asks for a dark mode (jira.js check)");
        assertThat(issue.path("comments").asInt()).isEqualTo(1);
        assertThat(seen.path("comments").path("total").asInt()).isEqualTo(1);
        assertThat(seen.path("found").path("keys").toString()).isEqualTo("[\"" + key + "\"]");
        assertThat(seen.path("found").path("isLast").asBoolean()).isTrue();
        assertThat(seen.path("found").path("comments").asInt()).isEqualTo(1);
        assertThat(seen.path("idsOnly").toString())
                .isEqualTo("[{\"id\":\"" + seen.path("created").path("id").asText() + "\"}]");
        assertThat(seen.path("unknownProject")).isEqualTo(JSON.readTree("{\"status\":400,\"body\":{\"errorMessages\":"
                + "[],\"errors\":{\"project\":\"Specify a valid project ID or key\"}}}"));
        assertThat(seen.path("unknownIssue")).isEqualTo(JSON.readTree("{\"status\":404,\"body\":{\"errorMessages\":"
                + "[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}}"));
        assertThat(seen.path("wrongToken").path("status").asInt()).isEqualTo(401);

        assertThat(created(before)).containsExactly("jira/issue/" + key,
                "jira/comment/" + key + "/" + seen.path("comment").path("id").asText());
    }

    @Test
    void nodeZendeskCreatesUpdatesReadsAndSearchesATicketByExternalIdAndTag() throws Exception {
        String conversation = "ig:" + UUID.randomUUID();
        long before = records.after(0, null, Integer.MAX_VALUE).next();

        JsonNode seen = node("zendesk-client-check.mjs", conversation);

        long id = seen.path("created").path("id").asLong();
        assertThat(seen.path("created").path("status").asInt()).isEqualTo(201);
        assertThat(seen.path("created").path("externalId").asText()).isEqualTo(conversation);
        assertThat(JSON.convertValue(seen.path("created").path("tags"), List.class)).containsExactly("channel_x",
                "support", "conv_" + conversation.replaceAll("[^a-zA-Z0-9]", "_").toLowerCase());
        assertThat(seen.path("updated").path("status").asInt()).isEqualTo(200);
        assertThat(seen.path("updated").path("ticketStatus").asText()).isEqualTo("open");
        assertThat(seen.path("shown").path("subject").asText()).isEqualTo("Where is my order?");
        assertThat(seen.path("shown").path("description").asText()).isEqualTo("My order is late (node-zendesk check)");
        assertThat(seen.path("shown").path("priority").asText()).isEqualTo("high");
        assertThat(seen.path("shown").path("type").asText()).isEqualTo("question");
        assertThat(seen.path("comments").toString()).isEqualTo("[{\"body\":\"My order is late (node-zendesk check)\","
                + "\"public\":true},{\"body\":\"Any news?\",\"public\":true}]");
        assertThat(seen.path("byExternalId").toString()).isEqualTo("[" + id + "]");
        assertThat(seen.path("byTag").toString()).isEqualTo("[" + id + "]");
        assertThat(seen.path("missing").path("message").asText()).contains("(404)");
        assertThat(seen.path("blank").path("message").asText()).contains("(422)");
        assertThat(seen.path("wrongToken").path("message").asText()).contains("(401)");

        List<String> created = created(before);
        assertThat(created).hasSize(2);
        assertThat(created.get(0)).isEqualTo("zendesk/ticket/" + id);
        assertThat(created.get(1)).startsWith("zendesk/comment/" + id + "/");
    }

    /** What the emulators created since a sequence number, as system/type/id. */
    private List<String> created(long after) {
        return records.after(after, null, Integer.MAX_VALUE).records().stream()
                .filter(r -> r.system().equals("jira") || r.system().equals("zendesk"))
                .map(r -> r.system() + "/" + r.type() + "/" + r.id()).toList();
    }

    private JsonNode node(String script, String conversation) throws Exception {
        return NodeScripts.node(120, script, "http://localhost:" + port, HubClient.USER, HubClient.PASSWORD,
                conversation);
    }
}
