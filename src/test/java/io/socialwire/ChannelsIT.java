package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.channels.linkedin.LinkedInSignatures;
import io.socialwire.channels.x.XWebhookSignatures;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** X Account Activity and LinkedIn webhooks end to end: handshake, signed delivery, record in an emulator. */
class ChannelsIT extends HubIntegrationTest {

    private final XWebhookSignatures x = new XWebhookSignatures(HubClient.X_SECRET);
    private final LinkedInSignatures linkedin = new LinkedInSignatures(HubClient.LINKEDIN_SECRET);
    private HubClient hub;

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @Test
    void xCrcIsAnsweredWithTheHmacOfTheToken() {
        HttpResponse<String> crc = hub.get("/webhooks/x?crc_token=abc123");

        assertThat(crc.statusCode()).isEqualTo(200);
        assertThat(crc.body()).isEqualTo("{\"response_token\":\"" + x.crcResponse("abc123") + "\"}");
        assertThat(hub.get("/webhooks/x").statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedXMentionBecomesAnIncidentAndADirectMessageALead() {
        byte[] tweets = Fixtures.bytes("fixtures/x/tweet-create-events.json");
        byte[] messages = Fixtures.bytes("fixtures/x/direct-message-events.json");

        assertThat(hub.sendSigned("x", tweets, "x-twitter-webhooks-signature", x.sign(tweets)).body())
                .isEqualTo("{\"status\":\"accepted\",\"interactions\":2}");
        assertThat(hub.sendSigned("x", messages, "x-twitter-webhooks-signature", x.sign(messages)).statusCode())
                .isEqualTo(200);

        JsonNode incident = await().atMost(Duration.ofSeconds(30)).until(() -> hub.serviceNowTable("incident",
                "correlation_id=x:1050118621198921728"), r -> r.size() == 1).get(0);
        assertThat(incident.path("short_description").asText())
                .isEqualTo("X mention from @zoe_m: @acme your app crashed again and I lost my whole order… fix it!");
        assertThat(incident.path("description").asText()).contains("Profile:      https://x.com/zoe_m",
                "Link:         https://x.com/zoe_m/status/1050118621198921728");
        JsonNode lead = await().atMost(Duration.ofSeconds(30)).until(() -> hub.soql(
                "SELECT LeadSource, X_Handle__c FROM Lead WHERE Socialwire_Id__c = 'x:author:3001969357'"),
                r -> r.size() == 1).get(0);
        assertThat(lead.path("LeadSource").asText()).isEqualTo("X");
        assertThat(lead.path("X_Handle__c").asText()).isEqualTo("jordan_buys");
    }

    @Test
    void linkedInChallengeAndASignedCommentThatBecomesAnHrRecord() {
        byte[] body = Fixtures.bytes("fixtures/linkedin/social-actions.json");
        HttpResponse<String> challenge = hub.get("/webhooks/linkedin?challengeCode=0d9d4c8a-1c2b&applicationId=7");

        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("{\"challengeCode\":\"0d9d4c8a-1c2b\",\"challengeResponse\":\""
                + linkedin.challengeResponse("0d9d4c8a-1c2b") + "\"}");
        assertThat(hub.sendSigned("linkedin", body, "X-LI-Signature", linkedin.sign(body)).body())
                .isEqualTo("{\"status\":\"accepted\",\"interactions\":2}");

        JsonNode hrCase = await().atMost(Duration.ofSeconds(30)).until(() -> hub.serviceNowTable(
                "sn_hr_core_case", "correlation_id=linkedin:urn:li:share:7012345678901234567"), r -> r.size() == 1)
                .get(0);
        assertThat(hrCase.path("description").asText()).contains("Author:       Élodie Martin (@elodie-martin)",
                "-> hr");
    }

    @Test
    void unsignedOrWronglySignedDeliveriesAre401AndWriteNothing() {
        byte[] tweets = Fixtures.bytes("fixtures/x/tweet-create-events.json");
        byte[] actions = Fixtures.bytes("fixtures/linkedin/social-actions.json");
        try (TopicProbe topics = topics()) {
            long before = topics.endOffset("socialwire.interactions");

            List<HttpResponse<String>> refused = List.of(
                    hub.sendSigned("x", tweets, "x-twitter-webhooks-signature", null),
                    hub.sendSigned("x", tweets, "x-twitter-webhooks-signature", x.sign("other".getBytes())),
                    hub.sendSigned("linkedin", actions, "X-LI-Signature", null),
                    hub.sendSigned("linkedin", actions, "X-LI-Signature", linkedin.sign("other".getBytes())));

            assertThat(refused).extracting(HttpResponse::statusCode).containsOnly(401);
            assertThat(refused.get(1).body()).isEqualTo("{\"error\":\"x-twitter-webhooks-signature does not match the body\"}");
            assertThat(refused.get(3).body()).isEqualTo("{\"error\":\"X-LI-Signature does not match the body\"}");
            assertThat(topics.endOffset("socialwire.interactions")).isEqualTo(before);
        }
    }
}
