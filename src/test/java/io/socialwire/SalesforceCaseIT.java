package io.socialwire;

import static io.socialwire.support.Payloads.delivery;
import static io.socialwire.support.Payloads.facebookComment;
import static io.socialwire.support.Payloads.facebookPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Support conversations in Salesforce Service Cloud: one Case per conversation, follow-ups as CaseComments. */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = "SOCIALWIRE_SUPPORT_TARGET=salesforce-case")
class SalesforceCaseIT extends HubIntegrationTest {

    @Test
    void aSupportThreadIsOneCaseWithCommentsInOrderAndRedeliveriesChangeNothing() {
        HubClient hub = hub();
        byte[] post = delivery("page", List.of(facebookPost("42", "case1", "a1", "Ana Silva",
                "Your checkout is broken and I was charged twice. Terrible!")));
        byte[] comment = delivery("page", List.of(facebookComment("42", "case1", "c1", "42_case1", "a2", "Ben Ode",
                "Same here, charged twice")));
        byte[] reply = delivery("page", List.of(facebookComment("42", "case1", "c2", "case1_c1", "a1", "Ana Silva",
                "Still no refund")));
        for (byte[] body : List.of(post, comment, post, reply, comment)) {
            assertThat(hub.sendMeta(body).statusCode()).isEqualTo(200);
        }
        assertThat(hub.sendMeta(delivery("page", List.of(facebookComment("42", "case1", "c3", "42_case1", "a1",
                "Ana Silva", "end"))))).extracting(r -> r.statusCode()).isEqualTo(200);

        List<JsonNode> comments = await().atMost(Duration.ofSeconds(30)).until(() -> caseComments(hub),
                c -> c.size() == 3);
        List<JsonNode> cases = hub.soql("SELECT Id, Subject, Origin, Priority, Status, Description FROM Case "
                + "WHERE Socialwire_Id__c = 'facebook:42_case1'");
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.path("Origin").asText()).isEqualTo("Facebook");
            assertThat(c.path("Priority").asText()).isEqualTo("High");
            assertThat(c.path("Status").asText()).isEqualTo("New");
            assertThat(c.path("Subject").asText()).startsWith("Facebook post from Ana Silva: Your checkout is broken");
        });
        assertThat(comments).extracting(c -> c.path("CommentBody").asText().lines().skip(1).findFirst().orElseThrow())
                .containsExactly("Same here, charged twice", "Still no refund", "end");
    }

    @Test
    void aKnownContactIsTheCasesContact() {
        HubClient hub = hub();
        String contactId = hub.createSObject("Contact",
                "{\"FirstName\":\"Carla\",\"LastName\":\"Known\",\"X_Handle__c\":\"carla_known\"}");

        assertThat(hub.sendGeneric(Payloads.canonical("x", "post", "case-k1", null, "ck", "carla_known",
                "The app crashes with an error on login, help")).statusCode()).isEqualTo(200);

        JsonNode theCase = await().atMost(Duration.ofSeconds(30)).until(() -> hub.soql(
                "SELECT Id, ContactId FROM Case WHERE Socialwire_Id__c = 'x:case-k1'"), c -> c.size() == 1).get(0);
        assertThat(theCase.path("ContactId").asText()).isEqualTo(contactId);
    }

    private static List<JsonNode> caseComments(HubClient hub) {
        List<JsonNode> cases = hub.soql("SELECT Id FROM Case WHERE Socialwire_Id__c = 'facebook:42_case1'");
        if (cases.isEmpty()) {
            return List.of();
        }
        return hub.soql("SELECT Id, CommentBody, CreatedDate FROM CaseComment WHERE ParentId = '"
                + cases.get(0).path("Id").asText() + "' ORDER BY CreatedDate");
    }
}
