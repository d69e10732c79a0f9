package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: signed webhooks over HTTP, the embedded KRaft Kafka, the real camel-kafka,
 * camel-servicenow and camel-salesforce components, and the records read back through the emulators' real APIs.
 */
class SocialwireIT extends HubIntegrationTest {

    private static final String INTERACTIONS = "socialwire.interactions";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    HubClient hub;
    TopicProbe topics;

    @BeforeEach
    void connect() {
        hub = hub();
        topics = topics();
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @Test
    void signedComplaintBecomesAnIncidentWithItsSocialContext() {
        HttpResponse<String> response = hub.sendMeta(Fixtures.bytes("fixtures/meta/page-feed-comment.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\",\"interactions\":1}");
        JsonNode incident = awaitOne(() -> hub.serviceNowTable("incident",
                "correlation_id=facebook:104512345678901_2002"));
        assertThat(incident.path("number").asText()).matches("INC\\d{7}");
        assertThat(incident.path("short_description").asText())
                .isEqualTo("Facebook comment from Jane Doe: My order #4411 arrived broken and nobody answers. "
                        + "Terrible service!");
        assertThat(incident.path("correlation_display").asText()).isEqualTo("Socialwire");
        assertThat(incident.path("contact_type").asText()).isEqualTo("social");
        assertThat(incident.path("category").asText()).isEqualTo("inquiry");
        assertThat(incident.path("impact").asText()).isEqualTo("1");
        assertThat(incident.path("urgency").asText()).isEqualTo("2");
        assertThat(incident.path("priority").asText()).isEqualTo("2");
        assertThat(incident.path("state").asText()).isEqualTo("1");
        String description = incident.path("description").asText();
        assertThat(description.lines()).contains(
                "Channel:      Facebook (comment)",
                "Author:       Jane Doe",
                "Profile:      https://www.facebook.com/7012345678901234",
                "Link:         https://www.facebook.com/104512345678901/posts/2002?comment_id=3003",
                "Posted:       2025-11-22T08:26:40Z",
                "Language:     en",
                "Routing:      rule 'classifier' -> support, priority 2",
                "Interaction:  facebook:2002_3003",
                "Conversation: facebook:104512345678901_2002",
                "My order #4411 arrived broken and nobody answers. Terrible service!");
        assertThat(description).containsPattern("Sentiment: +negative \\(-0\\.\\d\\d\\)");
    }

    @Test
    void signedSalesQuestionBecomesALeadWithItsSocialContext() {
        String post = """
                {"channel":"x","kind":"mention","externalId":"1790000000000000001",
                 "text":"@acme what is your pricing for 50 seats? Could we get a demo next week?",
                 "url":"https://x.com/maria_dev/status/1790000000000000001",
                 "author":{"id":"42","handle":"maria_dev","displayName":"Maria Lopez",
                           "profileUrl":"https://x.com/maria_dev","followers":1200}}""";

        assertThat(hub.sendGeneric(post).statusCode()).isEqualTo(200);

        JsonNode lead = awaitOne(() -> hub.soql("SELECT Id, FirstName, LastName, Company, LeadSource, Status, "
                + "Description, X_Handle__c FROM Lead WHERE Socialwire_Id__c = 'x:author:42'"));
        assertThat(lead.path("Id").asText()).startsWith("00Q");
        assertThat(lead.path("FirstName").asText()).isEqualTo("Maria");
        assertThat(lead.path("LastName").asText()).isEqualTo("Lopez");
        assertThat(lead.path("Company").asText()).isEqualTo("[not provided]");
        assertThat(lead.path("LeadSource").asText()).isEqualTo("X");
        assertThat(lead.path("Status").asText()).isEqualTo("Open - Not Contacted");
        assertThat(lead.path("X_Handle__c").asText()).isEqualTo("maria_dev");
        assertThat(lead.path("Description").asText().lines()).contains(
                "Channel:      X (mention)",
                "Author:       Maria Lopez (@maria_dev)",
                "Profile:      https://x.com/maria_dev",
                "Link:         https://x.com/maria_dev/status/1790000000000000001",
                "Sentiment:    neutral (+0.00)",
                "Routing:      rule 'classifier' -> sales, priority 3",
                "@acme what is your pricing for 50 seats? Could we get a demo next week?");
    }

    @Test
    void aCandidatesQuestionBecomesAnHrCase() {
        String candidate = "{\"channel\":\"linkedin\",\"kind\":\"comment\",\"externalId\":\"c-1\","
                + "\"text\":\"Are you hiring backend engineers in Lisbon? Where do I send my job application?\"}";

        assertThat(hub.sendGeneric(candidate).statusCode()).isEqualTo(200);

        JsonNode hrCase = awaitOne(() -> hub.serviceNowTable("sn_hr_core_case", "correlation_id=linkedin:c-1"));
        assertThat(hrCase.path("number").asText()).startsWith("HRC");
        assertThat(hrCase.path("contact_type").asText()).isEqualTo("social");
        assertThat(hrCase.path("priority").asText()).isEqualTo("3");
        assertThat(hrCase.path("short_description").asText()).contains("Are you hiring backend engineers");
        assertThat(hrCase.path("description").asText())
                .contains("Routing:      rule 'classifier' -> hr, priority 3");
        assertThat(hub.serviceNowTable("incident", "correlation_id=linkedin:c-1")).isEmpty();
    }

    @Test
    void unsignedOrWronglySignedWebhooksGet401AndWriteNothing() {
        byte[] body = Fixtures.bytes("fixtures/meta/page-feed-post.json");
        long before = topics.endOffset(INTERACTIONS);

        HttpResponse<String> unsigned = hub.sendMeta(body, null);
        HttpResponse<String> wrong = hub.sendMeta(body, "sha256=" + "0".repeat(64));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).isEqualTo("{\"error\":\"missing X-Hub-Signature-256 header\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"X-Hub-Signature-256 does not match the body\"}");
        assertThat(wrong.headers().firstValue("X-Hub-Signature-256")).isEmpty();
        assertThat(topics.endOffset(INTERACTIONS)).isEqualTo(before);
    }

    @Test
    void signedButMalformedDeliveriesGet400AndWriteNothing() {
        long before = topics.endOffset(INTERACTIONS);
        byte[] missingPostId = ("{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":"
                + "{\"item\":\"status\",\"verb\":\"add\",\"message\":\"hi\"}}]}]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> malformed = hub.sendMeta(missingPostId);
        HttpResponse<String> emptyEntry = hub.sendMeta("{\"object\":\"page\",\"entry\":[]}".getBytes());
        HttpResponse<String> generic = hub.sendGeneric("{\"channel\":\"x\",\"kind\":\"post\",\"text\":\"hi\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("{\"error\":\"$.entry[0].changes[0].value.post_id is missing\"}");
        assertThat(emptyEntry.statusCode()).isEqualTo(400);
        assertThat(emptyEntry.body()).isEqualTo("{\"error\":\"$.entry is empty\"}");
        assertThat(generic.statusCode()).isEqualTo(400);
        assertThat(generic.body()).isEqualTo("{\"error\":\"$.externalId is missing\"}");
        assertThat(topics.endOffset(INTERACTIONS)).isEqualTo(before);
    }

    @Test
    void subscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        HttpResponse<String> right = hub.verifyMetaSubscription(HubClient.META_VERIFY_TOKEN, "1158201444");
        HttpResponse<String> wrong = hub.verifyMetaSubscription("guess", "1158201444");

        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }

    @Test
    void interactionsAreKeyedByConversation() {
        assertThat(hub.sendMeta(Fixtures.bytes("fixtures/meta/messenger-message.json")).statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = topics.readAll(INTERACTIONS);
        assertThat(records).filteredOn(r -> r.value().contains("\"id\":\"messenger:m_AbCdEf123\""))
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("messenger:dm-6543210987654321"));
    }

    private static JsonNode awaitOne(java.util.function.Supplier<List<JsonNode>> query) {
        return await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
                .until(query::get, records -> records.size() == 1).get(0);
    }
}
