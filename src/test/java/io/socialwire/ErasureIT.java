package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.x.XWebhookSignatures;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Erasure through the real APIs: a person's incident, comment on someone else's incident and Lead are overwritten,
 * their receipts are tombstoned, other people's records stay, a redelivery still changes nothing; a post deleted
 * on X is redacted where it was copied.
 */
class ErasureIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private HubClient hub;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @Test
    void aPersonIsErasedFromEveryRecordAndOthersAreNot() throws Exception {
        String person = "erase-" + run;
        String handle = "erin_" + run;
        String other = "keep-" + run;
        String complaint = Payloads.canonical("x", "post", "e1" + run, null, person, handle,
                "My order arrived broken, my name is Erin Example, help");
        send(complaint);
        send(Payloads.canonical("x", "post", "e2" + run, null, person, handle, "What is your pricing for 9 seats?"));
        send(Payloads.canonical("x", "post", "k1" + run, null, other, "kim_" + run, "My order is broken, help"));
        awaitReceipt("x:k1" + run);
        send(Payloads.canonical("x", "reply", "e3" + run, "x:k1" + run, person, handle,
                "Same here Kim, broken too, Erin"));
        for (String id : List.of("x:e1" + run, "x:e2" + run, "x:e3" + run)) {
            awaitReceipt(id);
        }

        JsonNode report = JSON.readTree(hub.post("/api/erasure",
                "{\"channel\":\"x\",\"authorId\":\"" + person + "\"}").body());
        assertThat(report.path("interactions").asInt()).isEqualTo(3);
        assertThat(report.path("receiptsForgotten").asInt()).isEqualTo(3);

        JsonNode incident = hub.serviceNowTable("incident", "correlation_id=x:e1" + run).get(0);
        assertThat(incident.path("short_description").asText()).startsWith("[erased at the author's request]");
        assertThat(incident.path("description").asText()).doesNotContain(handle, "Erin", "broken")
                .contains("Interaction:  x:e1" + run);
        JsonNode kims = hub.serviceNowTable("incident", "correlation_id=x:k1" + run).get(0);
        assertThat(kims.path("description").asText()).contains("kim_" + run, "My order is broken");
        List<JsonNode> journal = hub.journal(kims.path("sys_id").asText());
        assertThat(journal).singleElement().satisfies(j -> assertThat(j.path("value").asText())
                .isEqualTo("[erased at the author's request] (socialwire:x:e3" + run + ")"));
        JsonNode lead = hub.soql("SELECT FirstName, LastName, X_Handle__c, Description FROM Lead WHERE "
                + "Socialwire_Id__c = 'x:author:" + person + "'").get(0);
        assertThat(lead.path("LastName").asText()).isEqualTo("[erased at the author's request]");
        assertThat(lead.path("X_Handle__c").isNull() || lead.path("X_Handle__c").asText().isEmpty()).isTrue();
        assertThat(lead.toString()).doesNotContain(handle, "pricing");
        assertThat(hub.whereDid("x:e1" + run).statusCode()).isEqualTo(404);
        assertThat(hub.whereDid("x:k1" + run).statusCode()).isEqualTo(200);

        // the complaint delivered again: its record is still known as its own, nothing new is created
        send(complaint);
        awaitReceipt("x:e1" + run);
        assertThat(hub.serviceNowTable("incident", "correlation_id=x:e1" + run)).hasSize(1);
        assertThat(hub.serviceNowTable("incident", "correlation_id=x:e1" + run).get(0).path("description").asText())
                .doesNotContain("Erin");
    }

    @Test
    void aPostDeletedOnXIsRedactedWhereItWasCopied() throws Exception {
        String tweetId = "9" + Math.abs(run.hashCode());
        send(Payloads.canonical("x", "mention", tweetId, null, "d" + run, "dana_" + run,
                "@acme my order is broken and I am Dana, help"));
        awaitReceipt("x:" + tweetId);

        byte[] deletion = ("{\"for_user_id\":\"1000\",\"tweet_delete_events\":[{\"status\":{\"id\":\"" + tweetId
                + "\",\"user_id\":\"d" + run + "\"},\"timestamp_ms\":\"1763800000000\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(hub.sendSigned("x", deletion, "x-twitter-webhooks-signature",
                new XWebhookSignatures(HubClient.X_SECRET).sign(deletion)).statusCode()).isEqualTo(200);

        await().atMost(DELIVERY).until(() -> hub.serviceNowTable("incident", "correlation_id=x:" + tweetId).get(0)
                .path("description").asText(), d -> !d.contains("Dana"));
        assertThat(hub.serviceNowTable("incident", "correlation_id=x:" + tweetId).get(0).path("short_description")
                .asText()).startsWith("[erased at the author's request]");
    }

    private void send(String canonical) {
        assertThat(hub.sendGeneric(canonical).statusCode()).isEqualTo(200);
    }

    private void awaitReceipt(String interactionId) {
        await().atMost(DELIVERY).until(() -> hub.whereDid(interactionId).statusCode() == 200);
    }
}
