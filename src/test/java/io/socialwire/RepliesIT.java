package io.socialwire;

import static io.socialwire.support.Payloads.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.channels.linkedin.LinkedInSignatures;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loop closed, end to end: an agent answers in the ServiceNow incident a mention on X became (a public comment,
 * as a person, through the Table API); the hub reads it with camel-servicenow, posts it on X as the brand threaded
 * under the mention, and notes the link on the incident. Work notes and the hub's own comments are never posted; a
 * refusal is noted and dead-lettered; the brand's answer coming back creates nothing.
 */
class RepliesIT extends HubIntegrationTest {

    private static final Duration LOOP = Duration.ofSeconds(40);
    private HubClient hub;
    private String run;

    @BeforeEach
    void setUp() {
        hub = hub();
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
    }

    @Test
    void anAgentsPublicCommentIsPostedOnceOnXThreadedUnderTheMentionAndNotedOnTheIncident() {
        String tweet = "19" + run + "01";
        String sysId = incidentFor(tweet, "mention", "cust" + run);

        hub.serviceNowAgentUpdate("incident", sysId, "{\"work_notes\":\"Carrier lost the parcel (internal)\"}");
        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Sorry about that! We re-sent order 4411 today.\"}");

        String url = awaitNote(sysId, "Replied on X: ");
        assertThat(url).startsWith("https://x.com/i/web/status/");
        JsonNode posted = hub.x("/2/tweets/" + url.substring(url.lastIndexOf('/') + 1)).path("data");
        assertThat(posted.path("text").asText()).isEqualTo("Sorry about that! We re-sent order 4411 today.");
        assertThat(posted.path("referenced_tweets").get(0).path("type").asText()).isEqualTo("replied_to");
        assertThat(posted.path("referenced_tweets").get(0).path("id").asText()).isEqualTo(tweet);
        assertThat(posted.path("author_id").asText()).as("posted as the brand").isEqualTo(hub.xBrandId());
        assertThat(hub.whereDid("x:" + tweet).body()).as("the mention's receipts show the answer")
                .contains("\"action\":\"replied\"").contains(url);

        // the customer answers on X: the hub's follow-up comment on the incident is its own, never posted back
        assertThat(hub.sendGeneric(canonical("x", "reply", "19" + run + "02", "x:" + tweet, "u" + run,
                "cust" + run, "Thanks, will it arrive by Friday?")).statusCode()).isEqualTo(200);
        await().atMost(LOOP).until(() -> hub.journal(sysId).stream()
                .anyMatch(j -> j.path("value").asText().contains("(socialwire:x:19" + run + "02)")));
        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Yes, by Friday.\"}");
        awaitNotes(sysId, "Replied on X: ", 2);

        assertThat(hub.xBrandRepliesTo(tweet)).extracting(t -> t.path("text").asText())
                .containsExactly("Sorry about that! We re-sent order 4411 today.", "Yes, by Friday.");
        assertThat(notes(sysId, "Replied on X: ")).as("each answer noted once").hasSize(2);
    }

    @Test
    void aDirectMessageXRefusesIsNotedOnTheIncidentWithXsReasonAndDeadLettered() {
        String sysId = incidentFor("dm" + run, "direct_message", "nobody" + run);

        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Could you send us your order number?\"}");

        String reason = awaitNote(sysId, "Reply not sent on X: ");
        assertThat(reason).startsWith("HTTP 400 ");
        try (TopicProbe topics = topics()) {
            ConsumerRecord<String, String> dead = await().atMost(LOOP).until(() -> topics.readAll("socialwire.dlq")
                    .stream().filter(r -> r.value() != null && r.value().contains("\"recordId\":\"" + sysId + "\""))
                    .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(header(dead, "socialwire_dlq_reason")).contains("X refused the reply: HTTP 400");
            assertThat(header(dead, "socialwire_dlq_target")).isEqualTo("x");
            assertThat(dead.value()).as("the answer itself, to replay").contains("Could you send us your order number?");
        }
    }

    @Test
    void theBrandsOwnAnswerComingBackFromXCreatesNoRecordAndNoComment() {
        String tweet = "19" + run + "03";
        String sysId = incidentFor(tweet, "mention", "cust" + run);

        assertThat(hub.sendGeneric(canonical("x", "reply", "19" + run + "04", "x:" + tweet, hub.xBrandId(), "acme",
                "Sorry about that! We re-sent it.")).statusCode()).isEqualTo(200);
        assertThat(hub.sendGeneric(canonical("x", "reply", "19" + run + "05", "x:" + tweet, "u" + run,
                "cust" + run, "Thank you!")).statusCode()).isEqualTo(200);

        await().atMost(LOOP).until(() -> hub.journal(sysId).stream()
                .anyMatch(j -> j.path("value").asText().contains("(socialwire:x:19" + run + "05)")));
        assertThat(hub.journal(sysId)).noneMatch(j -> j.path("value").asText().contains("x:19" + run + "04"));
        assertThat(hub.whereDid("x:19" + run + "04").statusCode()).isEqualTo(404);
    }

    @Test
    void aFacebookCommentIsAnsweredUnderItAsThePage() {
        String post = "p" + run;
        assertThat(hub.sendMeta(Payloads.delivery("page", List.of(Payloads.facebookComment("42", post, "c1", "42_" + post,
                "a" + run, "Ana Silva", "My order arrived broken and nobody answers. Terrible!")))).statusCode())
                .isEqualTo(200);
        String sysId = incident("facebook:42_" + post);

        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"So sorry, Ana! A new one is on its way.\"}");

        assertThat(awaitNote(sysId, "Replied on Facebook: ")).startsWith("https://www.facebook.com/");
        JsonNode replies = hub.meta("GET", "/v21.0/" + post + "_c1/comments", null).path("data");
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.path("message").asText()).isEqualTo("So sorry, Ana! A new one is on its way.");
            assertThat(reply.path("from").path("id").asText()).as("as the Page").isEqualTo("1000000000000001");
        });
    }

    @Test
    void anInstagramCommentIsAnsweredWithAReplyUnderIt() {
        String media = "md" + run;
        assertThat(hub.sendMeta(Payloads.delivery("instagram", List.of(Payloads.instagramComment(media, "ic" + run,
                null, "ig" + run, "sofia_" + run, "My order arrived broken and nobody answers. Terrible!"))))
                .statusCode()).isEqualTo(200);
        String sysId = incident("instagram:" + media);

        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"So sorry, Sofia! Check your DMs.\"}");

        assertThat(awaitNote(sysId, "Replied on Instagram: ")).startsWith("comment reply ");
        JsonNode replies = hub.meta("GET", "/v21.0/ic" + run + "/replies", null).path("data");
        assertThat(replies).singleElement().satisfies(reply ->
                assertThat(reply.path("text").asText()).isEqualTo("So sorry, Sofia! Check your DMs."));
    }

    @Test
    void aMessengerAnswerAfterTheDayWindowGoesAsAHumanAgentsAndAfterAWeekIsRefused() {
        String late = "psid" + run + "1";
        String gone = "psid" + run + "2";
        hub.meta("PUT", "/_people/" + late, "{\"last_message_at\":\"" + Instant.now().minus(Duration.ofDays(2)) + "\"}");
        hub.meta("PUT", "/_people/" + gone, "{\"last_message_at\":\"" + Instant.now().minus(Duration.ofDays(8)) + "\"}");
        for (String psid : List.of(late, gone)) {
            assertThat(hub.sendMeta(Payloads.messaging("page", List.of(Payloads.messengerMessage("42", psid,
                    "m" + psid, "Where is my refund? Nobody helps")))).statusCode()).isEqualTo(200);
        }
        String lateIncident = incident("messenger:dm-" + late);
        String goneIncident = incident("messenger:dm-" + gone);

        hub.serviceNowAgentUpdate("incident", lateIncident, "{\"comments\":\"Your refund went out today.\"}");
        hub.serviceNowAgentUpdate("incident", goneIncident, "{\"comments\":\"Your refund went out today.\"}");

        assertThat(awaitNote(lateIncident, "Replied on Messenger: ")).startsWith("message m_");
        JsonNode sent = hub.meta("GET", "/v21.0/me/messages?recipient=" + late, null).path("data");
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
            assertThat(message.path("tag").asText()).isEqualTo("HUMAN_AGENT");
        });
        assertThat(awaitNote(goneIncident, "Reply not sent on Messenger: "))
                .contains("This message is sent outside of allowed window");
    }

    @Test
    void aLinkedInCommentIsAnsweredUnderItAsTheOrganizationFromTheHrCase() {
        String share = "urn:li:share:70123" + run;
        String comment = "urn:li:comment:(urn:li:activity:70123" + run + ",70124" + run + ")";
        byte[] body = ("{\"type\":\"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS\",\"notifications\":[{\"notificationId\":"
                + run + ",\"organizationalEntity\":\"urn:li:organization:2414183\",\"action\":\"COMMENT\","
                + "\"sourcePost\":\"" + share + "\",\"generatedActivity\":\"" + comment + "\","
                + "\"decoratedGeneratedActivity\":{\"comment\":{\"entity\":\"" + comment + "\",\"owner\":"
                + "\"urn:li:person:P" + run + "\",\"object\":\"urn:li:activity:70123" + run + "\",\"text\":"
                + "\"Are you hiring data engineers in Lyon? I would love to apply.\"}},\"lastModifiedAt\":1763800000000}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(hub.sendSigned("linkedin", body, "X-LI-Signature",
                new LinkedInSignatures(HubClient.LINKEDIN_SECRET).sign(body)).statusCode()).isEqualTo(200);
        String sysId = await().atMost(LOOP).until(() -> hub.serviceNowTable("sn_hr_core_case",
                "correlation_id=linkedin:" + share), list -> !list.isEmpty()).get(0).path("sys_id").asText();

        hub.serviceNowAgentUpdate("sn_hr_core_case", sysId, "{\"comments\":\"Yes! Apply at acme.example/jobs.\"}");

        assertThat(awaitNote(sysId, "Replied on LinkedIn: ")).isEqualTo("https://www.linkedin.com/feed/update/"
                + "urn:li:activity:70123" + run);
        JsonNode answers = hub.linkedIn("/rest/socialActions/" + java.net.URLEncoder.encode(comment,
                StandardCharsets.UTF_8) + "/comments").path("elements");
        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.path("actor").asText()).isEqualTo("urn:li:organization:2414183");
            assertThat(answer.path("parentComment").asText()).isEqualTo(comment);
            assertThat(answer.path("message").path("text").asText()).isEqualTo("Yes! Apply at acme.example/jobs.");
        });
    }

    @Test
    void replyLatencyAtTheDefaultPollInterval() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String sysId = incidentFor("19" + run + "1" + i, "mention", "cust" + run + i);
            long start = System.nanoTime();
            hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Answer " + i + "\"}");
            awaitNote(sysId, "Replied on X: ");
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        millis.sort(Long::compare);
        System.out.printf("reply latency (agent comment -> posted on X and noted), poll 5 s, %d replies: p50 %d ms,"
                + " p99 %d ms, max %d ms%n", millis.size(), millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.get(millis.size() - 1));
        assertThat(millis).hasSize(10);
    }

    /** A post on X to the brand, delivered to support as a ServiceNow incident; its sys_id. */
    private String incidentFor(String externalId, String kind, String author) {
        assertThat(hub.sendGeneric(canonical("x", kind, externalId, null, "u" + externalId, author,
                "My parcel never arrived and nobody answers, please help")).statusCode()).isEqualTo(200);
        return incident("x:" + externalId);
    }

    private String incident(String conversation) {
        return await().atMost(LOOP).until(() -> hub.serviceNowTable("incident", "correlation_id=" + conversation),
                list -> !list.isEmpty()).get(0).path("sys_id").asText();
    }

    private String awaitNote(String sysId, String prefix) {
        return awaitNotes(sysId, prefix, 1).get(0);
    }

    private List<String> awaitNotes(String sysId, String prefix, int count) {
        return await().atMost(LOOP).pollInterval(Duration.ofMillis(100))
                .until(() -> notes(sysId, prefix), notes -> notes.size() >= count);
    }

    private List<String> notes(String sysId, String prefix) {
        return hub.journal(sysId).stream().filter(j -> j.path("element").asText().equals("work_notes"))
                .map(j -> j.path("value").asText()).filter(v -> v.startsWith(prefix))
                .map(v -> v.substring(prefix.length())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
