package io.socialwire;

import static io.socialwire.support.Payloads.delivery;
import static io.socialwire.support.Payloads.facebookComment;
import static io.socialwire.support.Payloads.facebookPost;
import static io.socialwire.support.Payloads.instagramComment;
import static io.socialwire.support.Payloads.messaging;
import static io.socialwire.support.Payloads.messengerMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One conversation, one record: threads per channel type, redeliveries, identity and receipts, end to end
 * through Kafka and the real components against the emulators.
 */
class ConversationsIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Autowired
    EmulatorTraffic traffic;

    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = hub();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void facebookPostThenCommentThenReplyIsOneIncidentWithTwoCommentsInOrder() {
        String post = "p" + run;
        send(delivery("page", List.of(facebookPost("42", post, "a1", "Ana Silva",
                "Your app keeps crashing since the update and support never answers. Terrible!"))));
        send(delivery("page", List.of(facebookComment("42", post, "c1", "42_" + post, "a2", "Ben Ode",
                "Same problem here, it crashes on start"))));
        send(delivery("page", List.of(facebookComment("42", post, "c2", post + "_c1", "a1", "Ana Silva",
                "Still broken this morning"))));

        awaitReceipt("facebook:" + post + "_c2", "commented");
        List<JsonNode> incidents = hub.serviceNowTable("incident", "correlation_id=facebook:42_" + post);
        assertThat(incidents).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.path("description").asText()).contains("Interaction:  facebook:42_" + post);
        List<JsonNode> journal = hub.journal(incident.path("sys_id").asText());
        assertThat(journal).extracting(j -> j.path("element").asText()).containsExactly("comments", "comments");
        assertThat(journal.get(0).path("value").asText())
                .startsWith("Facebook comment from Ben Ode at 2025-11-22T08:26:40Z:\nSame problem here, it crashes")
                .endsWith("(socialwire:facebook:" + post + "_c1)");
        assertThat(journal.get(1).path("value").asText())
                .startsWith("Facebook reply from Ana Silva at 2025-11-22T08:26:40Z:\nStill broken this morning")
                .endsWith("(socialwire:facebook:" + post + "_c2)");
        assertThat(journal).allSatisfy(j -> assertThat(j.path("name").asText()).isEqualTo("incident"));
    }

    @Test
    void instagramCommentThreadIsOneLeadWithTwoTasksInOrder() {
        String media = "m" + run;
        String user = "u" + run;
        send(delivery("instagram", List.of(instagramComment(media, "c1" + run, null, user, "sofia_" + run,
                "How much is the pro plan? Pricing please"))));
        send(delivery("instagram", List.of(instagramComment(media, "c2" + run, "c1" + run, "brand", "acme",
                "Hi Sofia, we sent you a DM"))));
        send(delivery("instagram", List.of(instagramComment(media, "c3" + run, "c1" + run, user, "sofia_" + run,
                "Got it, thanks!"))));

        awaitReceipt("instagram:c3" + run, "commented");
        List<JsonNode> leads = hub.soql("SELECT Id, LastName, LeadSource, Instagram_Handle__c FROM Lead "
                + "WHERE Socialwire_Id__c = 'instagram:author:" + user + "'");
        assertThat(leads).singleElement().satisfies(lead -> {
            assertThat(lead.path("LeadSource").asText()).isEqualTo("Instagram");
            assertThat(lead.path("Instagram_Handle__c").asText()).isEqualTo("sofia_" + run);
        });
        String leadId = leads.get(0).path("Id").asText();
        List<JsonNode> tasks = hub.soql("SELECT Subject, Status, Description, Socialwire_Id__c FROM Task WHERE WhoId = '"
                + leadId + "' ORDER BY Socialwire_Id__c");
        assertThat(tasks).extracting(t -> t.path("Socialwire_Id__c").asText())
                .containsExactly("instagram:c2" + run, "instagram:c3" + run);
        assertThat(tasks).allSatisfy(t -> assertThat(t.path("Status").asText()).isEqualTo("Completed"));
        assertThat(tasks.get(0).path("Subject").asText()).isEqualTo("Instagram reply from @acme: Hi Sofia, we sent you a DM");
    }

    @Test
    void messengerThreadIsOneIncidentWithTwoComments() {
        String sender = "s" + run;
        send(messaging("page", List.of(messengerMessage("42", sender, "m1" + run,
                "I was charged twice for my order, this is unacceptable"))));
        send(messaging("page", List.of(messengerMessage("42", sender, "m2" + run, "Order number 88123"))));
        send(messaging("page", List.of(messengerMessage("42", sender, "m3" + run, "Any update?"))));

        awaitReceipt("messenger:m3" + run, "commented");
        List<JsonNode> incidents = hub.serviceNowTable("incident", "correlation_id=messenger:dm-" + sender);
        assertThat(incidents).hasSize(1);
        assertThat(hub.journal(incidents.get(0).path("sys_id").asText()))
                .extracting(j -> j.path("value").asText().lines().skip(1).findFirst().orElseThrow())
                .containsExactly("Order number 88123", "Any update?");
    }

    @Test
    void aFollowUpStaysOnTheConversationsRecordWhateverItIsAbout() {
        String conversation = "x:" + run;
        send(Payloads.canonical("x", "mention", "1" + run, conversation, "x" + run, "dev_" + run,
                "@acme what does the enterprise plan cost? can we get a demo?"));
        send(Payloads.canonical("x", "reply", "2" + run, conversation, "x" + run, "dev_" + run,
                "also your login page is broken and throws an error"));

        awaitReceipt("x:2" + run, "commented");
        assertThat(hub.serviceNowTable("incident", "correlation_id=" + conversation)).isEmpty();
        assertThat(receipts("x:2" + run)).singleElement().satisfies(r -> {
            assertThat(r.path("system").asText()).isEqualTo("salesforce");
            assertThat(r.path("recordId").asText()).startsWith("00Q");
        });
    }

    @Test
    void everyInteractionSentThreeTimesStillMakesOneRecordOrCommentEach() {
        String post = "r" + run;
        byte[] first = delivery("page", List.of(facebookPost("42", post, "a1", "Ana Silva",
                "My refund never arrived, awful service")));
        byte[] second = delivery("page", List.of(facebookComment("42", post, "c1", "42_" + post, "a1", "Ana Silva",
                "Hello??")));
        byte[] third = delivery("page", List.of(facebookComment("42", post, "c2", "42_" + post, "a1", "Ana Silva",
                "Please answer")));
        for (byte[] body : List.of(first, second, first, third, second, first, third, second, third)) {
            send(body);
        }
        String marker = "facebook:" + post + "_c3";
        send(delivery("page", List.of(facebookComment("42", post, "c3", "42_" + post, "a1", "Ana Silva", "end"))));

        awaitReceipt(marker, "commented");
        List<JsonNode> incidents = hub.serviceNowTable("incident", "correlation_id=facebook:42_" + post);
        assertThat(incidents).hasSize(1);
        assertThat(hub.journal(incidents.get(0).path("sys_id").asText()))
                .extracting(j -> j.path("value").asText().lines().skip(1).findFirst().orElseThrow())
                .containsExactly("Hello??", "Please answer", "end");
    }

    @Test
    void receiptsSayWhereEachInteractionWent() {
        String sender = "q" + run;
        send(messaging("page", List.of(messengerMessage("42", sender, "q1" + run, "my account is locked, help"))));
        send(messaging("page", List.of(messengerMessage("42", sender, "q2" + run, "still locked"))));

        JsonNode created = awaitReceipt("messenger:q1" + run, "created");
        JsonNode commented = awaitReceipt("messenger:q2" + run, "commented");

        assertThat(created.path("conversationId").asText()).isEqualTo("messenger:dm-" + sender);
        assertThat(created.path("system").asText()).isEqualTo("servicenow");
        assertThat(created.path("recordId").asText()).isEqualTo(commented.path("recordId").asText());
        assertThat(created.path("recordUrl").asText())
                .isEqualTo("http://localhost:" + port + "/emulators/servicenow/api/now/table/incident/"
                        + created.path("recordId").asText());
        assertThat(created.path("at").asText()).isNotBlank();
        assertThat(hub.whereDid("messenger:never-sent").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownAuthorNeverBecomesTwoLeads() {
        String author = "w" + run;
        send(Payloads.canonical("x", "post", "1" + run, "x:c1" + run, author, "buyer_" + run,
                "What is your pricing for teams?"));
        send(Payloads.canonical("x", "post", "2" + run, "x:c2" + run, author, "buyer_" + run,
                "Separate question: do you offer a trial or a demo?"));

        // two conversations may be delivered at once (lane partitions): either may create the Lead
        List<String> actions = await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> List.of(action("x:1" + run), action("x:2" + run)),
                        a -> a.containsAll(List.of("created", "commented")));
        String second = actions.get(0).equals("commented") ? "x:1" + run : "x:2" + run;
        List<JsonNode> leads = hub.soql("SELECT Id FROM Lead WHERE X_Handle__c = 'buyer_" + run + "'");
        assertThat(leads).hasSize(1);
        assertThat(hub.soql("SELECT Socialwire_Id__c FROM Task WHERE WhoId = '" + leads.get(0).path("Id").asText()
                + "'")).extracting(t -> t.path("Socialwire_Id__c").asText()).containsExactly(second);
    }

    @Test
    void aKnownContactGetsHisSocialHistoryAndNoLead() {
        String handle = "karl_" + run;
        String contactId = hub.createSObject("Contact",
                "{\"FirstName\":\"Karl\",\"LastName\":\"Known\",\"X_Handle__c\":\"" + handle + "\"}");

        send(Payloads.canonical("x", "post", "k1" + run, null, "k" + run, "@" + handle,
                "Is there a discount on the enterprise license?"));
        send(Payloads.canonical("x", "post", "k2" + run, null, "k" + run, "@" + handle,
                "My dashboard crashes with an error every time, terrible"));

        awaitReceipt("x:k1" + run, "linked");
        awaitReceipt("x:k2" + run, "linked");
        assertThat(hub.soql("SELECT Id FROM Lead WHERE X_Handle__c = '" + handle + "'")).isEmpty();
        assertThat(hub.soql("SELECT Socialwire_Id__c, Status FROM Task WHERE WhoId = '" + contactId
                + "' ORDER BY Socialwire_Id__c")).extracting(t -> t.path("Socialwire_Id__c").asText())
                .containsExactly("contact:x:k1" + run, "contact:x:k2" + run);
        JsonNode incident = hub.serviceNowTable("incident", "correlation_id=x:k2" + run).get(0);
        assertThat(incident.path("description").asText())
                .contains("Known as:     Karl Known (Salesforce Contact " + contactId + ")");
    }

    @Test
    void targetCallsPerInteraction() {
        String sender = "t" + run;
        send(messaging("page", List.of(messengerMessage("42", sender, "t0" + run, "warm up the caches, help"))));
        awaitReceipt("messenger:t0" + run, "created");

        Instant start = Instant.now();
        send(messaging("page", List.of(messengerMessage("42", "n" + run, "t1" + run, "my order is broken, help"))));
        awaitReceipt("messenger:t1" + run, "created");
        Instant created = Instant.now();
        send(messaging("page", List.of(messengerMessage("42", "n" + run, "t2" + run, "any news?"))));
        awaitReceipt("messenger:t2" + run, "commented");
        long before = 0;
        long afterNew = recordCalls(start, created);
        long afterFollowUp = afterNew + recordCalls(created, Instant.now());

        // a direct message thread may have its incident from before the index: one Batch API call asks, one creates;
        // a follow-up is one call, with no journal lookup (a first post, X's or Meta's, creates in one call)
        System.out.printf("target calls per interaction: new=%d, follow-up=%d%n", afterNew - before,
                afterFollowUp - afterNew);
        assertThat(afterNew - before).isEqualTo(2);
        assertThat(afterFollowUp - afterNew).isEqualTo(1);
    }

    /**
     * The calls that wrote or looked up records so far; not the replies poll's read of agents' comments, which runs
     * every few seconds whatever arrives.
     */
    private long recordCalls(Instant from, Instant to) {
        return traffic.log().stream().filter(call -> !call.at().isBefore(from) && call.at().isBefore(to)
                && ("servicenow".equals(call.system()) || "salesforce".equals(call.system()))
                && !call.path().contains("/sys_journal_field")).count();
    }

    private void send(byte[] meta) {
        assertThat(hub.sendMeta(meta).statusCode()).isEqualTo(200);
    }

    private void send(String canonical) {
        assertThat(hub.sendGeneric(canonical).statusCode()).isEqualTo(200);
    }

    private JsonNode awaitReceipt(String interactionId, String action) {
        return await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> receipts(interactionId).stream().filter(r -> r.path("action").asText().equals(action))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private String action(String interactionId) {
        return receipts(interactionId).stream().map(r -> r.path("action").asText()).findFirst().orElse("");
    }

    private List<JsonNode> receipts(String interactionId) {
        HttpResponse<String> response = hub.whereDid(interactionId);
        if (response.statusCode() != 200) {
            return List.of();
        }
        try {
            List<JsonNode> all = new java.util.ArrayList<>();
            JSON.readTree(response.body()).path("receipts").forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
