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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Support in Zendesk (SOCIALWIRE_SUPPORT_TARGET=zendesk-ticket), added with YAML and configuration only, end to end
 * through camel-zendesk: a ticket per conversation with the author as requester, the conversation as external_id,
 * channel and department tags and the social context in its first comment; follow-ups as comments, once each.
 */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = "SOCIALWIRE_SUPPORT_TARGET=zendesk-ticket")
class ZendeskTargetIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSupportConversationIsOneTicketWithItsFollowUpsAsCommentsOnceEach() {
        HubClient hub = hub();
        String conversation = "x:zd" + run;
        String post = post("zd" + run, conversation, "My order arrived broken and nobody answers, please help");
        String followUp = post("zd2" + run, conversation, "Still waiting for a reply about the broken order");
        for (String body : List.of(post, followUp, post, followUp)) {
            assertThat(hub.sendGeneric(body).statusCode()).isEqualTo(200);
        }

        JsonNode ticket = await().atMost(DELIVERY).until(() -> tickets(hub, conversation), t -> t.size() == 1).get(0);
        assertThat(ticket.path("subject").asText()).contains("broken");
        assertThat(ticket.path("tags").toString()).contains("socialwire", "channel_x", "department_support");
        assertThat(ticket.path("description").asText()).contains("Interaction:  " + conversation,
                "Conversation: " + conversation, "@eva_" + run);
        JsonNode requester = hub.zendesk("/users/" + ticket.path("requester_id").asText() + ".json").path("user");
        assertThat(requester.path("name").asText()).isEqualTo("@eva_" + run + " on x");

        String id = ticket.path("id").asText();
        List<JsonNode> comments = await().atMost(DELIVERY).until(() -> comments(hub, id), c -> c.size() == 2);
        assertThat(comments.get(1).path("body").asText()).contains("Still waiting", "(socialwire:x:zd2" + run + ")");
        assertThat(comments.get(1).path("public").asBoolean()).isFalse();
        await().atMost(DELIVERY).until(() -> hub.whereDid("x:zd2" + run).body(),
                b -> b.contains("\"action\":\"commented\""));
        assertThat(hub.whereDid(conversation).body()).contains("\"system\":\"zendesk\"", "\"recordId\":\"" + id + "\"",
                "/emulators/zendesk/agent/tickets/" + id);
        assertThat(tickets(hub, conversation)).hasSize(1);
        assertThat(comments(hub, id)).hasSize(2);
    }

    private static List<JsonNode> tickets(HubClient hub, String externalId) {
        List<JsonNode> tickets = new ArrayList<>();
        hub.zendesk("/tickets.json?external_id=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8))
                .path("tickets").forEach(tickets::add);
        return tickets;
    }

    private static List<JsonNode> comments(HubClient hub, String ticketId) {
        List<JsonNode> comments = new ArrayList<>();
        hub.zendesk("/tickets/" + ticketId + "/comments.json").path("comments").forEach(comments::add);
        return comments;
    }

    private String post(String externalId, String conversation, String text) {
        ObjectNode post = JSON.createObjectNode();
        post.put("channel", "x").put("kind", "post").put("externalId", externalId)
                .put("conversationId", conversation).put("text", text);
        post.putObject("author").put("id", "eva-" + run).put("handle", "eva_" + run).put("displayName", "Eva");
        return post.toString();
    }
}
