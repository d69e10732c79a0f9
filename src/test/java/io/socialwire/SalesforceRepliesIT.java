package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The loop closed from Salesforce Service Cloud: an agent's published CaseComment on the Case a Facebook complaint
 * became goes back under the comment as the Page; the hub's own comments (follow-ups) do not; the Case gets an
 * unpublished note with the link.
 */
@DirtiesContext
// the emulator's integration user: its own published comments are recognised by CreatedById too
@TestPropertySource(properties = {"SOCIALWIRE_SUPPORT_TARGET=salesforce-case",
        "SALESFORCE_INTEGRATION_USER_ID=005000000000001AAA"})
class SalesforceRepliesIT extends HubIntegrationTest {

    private static final Duration LOOP = Duration.ofSeconds(40);

    @Test
    void anAgentsPublishedCaseCommentIsAnsweredOnFacebookAndNotedOnTheCase() {
        HubClient hub = hub();
        String post = "sf" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(hub.sendMeta(Payloads.delivery("page", List.of(Payloads.facebookComment("42", post, "c1",
                "42_" + post, "a1", "Ana Silva", "I was charged twice and nobody answers. Terrible!"))))
                .statusCode()).isEqualTo(200);
        String caseId = await().atMost(LOOP).until(() -> hub.soql("SELECT Id FROM Case WHERE Socialwire_Id__c = "
                + "'facebook:42_" + post + "'"), l -> !l.isEmpty()).get(0).path("Id").asText();
        // the customer again: the hub's own published comment on the Case, never sent back
        assertThat(hub.sendMeta(Payloads.delivery("page", List.of(Payloads.facebookComment("42", post, "c2",
                post + "_c1", "a1", "Ana Silva", "Still no refund")))).statusCode()).isEqualTo(200);
        await().atMost(LOOP).until(() -> comments(hub, caseId).size() == 1);
        assertThat(comments(hub, caseId).get(0).path("CreatedById").asText()).isEqualTo("005000000000001AAA");

        // the agent answers, signed in as a person (the emulator's second user)
        String answer = hub.agentCreateSObject("CaseComment", "{\"ParentId\":\"" + caseId + "\","
                + "\"IsPublished\":true,\"CommentBody\":\"Sorry, Ana! The second charge is refunded.\"}");

        JsonNode note = await().atMost(LOOP).until(() -> notes(hub, caseId), l -> !l.isEmpty()).get(0);
        assertThat(note.path("CommentBody").asText()).startsWith("Replied on Facebook: https://www.facebook.com/");
        assertThat(comments(hub, caseId)).filteredOn(c -> c.path("Id").asText().equals(answer)).singleElement()
                .satisfies(c -> assertThat(c.path("CreatedById").asText()).as("written as the agent")
                        .isEqualTo("005000000000002AAA"));
        JsonNode replies = hub.meta("GET", "/v21.0/" + post + "_c1/comments", null).path("data");
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.path("message").asText()).isEqualTo("Sorry, Ana! The second charge is refunded.");
            assertThat(reply.path("from").path("id").asText()).isEqualTo("1000000000000001");
        });
        assertThat(hub.meta("GET", "/v21.0/" + post + "_c2/comments", null).path("data"))
                .as("the hub's own comment was not answered").isEmpty();
    }

    private static List<JsonNode> comments(HubClient hub, String caseId) {
        return hub.soql("SELECT Id, CommentBody, CreatedById FROM CaseComment WHERE ParentId = '" + caseId
                + "' AND IsPublished = true");
    }

    private static List<JsonNode> notes(HubClient hub, String caseId) {
        return hub.soql("SELECT Id, CommentBody FROM CaseComment WHERE ParentId = '" + caseId
                + "' AND IsPublished = false");
    }
}
