package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.emulator.bluesky.BlueskyPds;
import io.socialwire.emulator.bluesky.JetstreamEmulator;
import io.socialwire.receipts.Receipts;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The loop closed on Bluesky, end to end: a customer's reply to the brand's post arrives on the Jetstream emulator and
 * becomes a ServiceNow incident; the agent's public comment is posted by the brand's account on the emulator's PDS,
 * threaded under the customer's post (reply.parent) in the brand's thread (reply.root), and the incident gets the
 * link. The brand's post coming back on the Jetstream creates nothing; an expired session is renewed; a deleted post
 * and an answer longer than a post may be are noted and dead-lettered.
 */
class BlueskyRepliesIT extends HubIntegrationTest {

    private static final Duration LOOP = Duration.ofSeconds(40);
    private static final String BRAND = "did:plc:acme";
    private static final String POST = "/app.bsky.feed.post/";

    @Autowired
    JetstreamEmulator jetstream;

    @Autowired
    BlueskyPds pds;

    @Autowired
    Receipts receipts;

    private HubClient hub;
    private String run;

    @BeforeEach
    void setUp() {
        hub = hub();
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L, 32);
        await().atMost(LOOP).until(() -> jetstream.subscribers() > 0);
    }

    @Test
    void anAgentsAnswerIsPostedByTheBrandUnderTheCustomersReplyInTheBrandsThread() {
        String brandPost = "at://" + BRAND + POST + "3lbrand" + run;
        String customer = "did:plc:cust" + run;
        String complaint = "at://" + customer + POST + "3lcust" + run;
        hub.blueskyEvent(post(customer, "3lcust" + run, "bafyreicust" + run,
                "My parcel never arrived and nobody answers, please help", brandPost, "bafyreibrand" + run));
        String sysId = incident("bluesky:" + brandPost);

        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Sorry about that! We re-sent order 4411 today.\"}");

        String url = awaitNotes(sysId, "Replied on Bluesky: ", 1).get(0);
        assertThat(url).startsWith("https://bsky.app/profile/" + BRAND + "/post/");
        JsonNode reply = brandsPost(url.substring(url.lastIndexOf('/') + 1));
        assertThat(reply.at("/value/text").asText()).isEqualTo("Sorry about that! We re-sent order 4411 today.");
        assertThat(reply.at("/value/reply/parent/uri").asText()).isEqualTo(complaint);
        assertThat(reply.at("/value/reply/parent/cid").asText()).isEqualTo("bafyreicust" + run);
        assertThat(reply.at("/value/reply/root/uri").asText()).as("the thread's root").isEqualTo(brandPost);
        assertThat(reply.at("/value/reply/root/cid").asText()).isEqualTo("bafyreibrand" + run);
        // (read from the hub's bean: GET /api/interactions/{id} cannot name an at:// id, Tomcat refuses its %2F)
        assertThat(receipts.of("bluesky:" + complaint)).as("the post's receipts show the answer")
                .anyMatch(r -> r.action().equals("replied") && url.equals(r.recordUrl()));

        // the brand's post went out on the Jetstream before the customer's next one: by the time that one is on the
        // incident, the echo was read, and it created nothing
        hub.blueskyEvent(post(customer, "3lcust" + run + "b", "bafyreicust" + run + "b", "Thanks, will it arrive by"
                + " Friday?", brandPost, "bafyreibrand" + run));
        await().atMost(LOOP).until(() -> hub.journal(sysId).stream().anyMatch(j -> j.path("value").asText()
                .contains("(socialwire:bluesky:" + complaint + "b)")));
        String echo = reply.path("uri").asText();
        assertThat(hub.journal(sysId)).noneMatch(j -> j.path("value").asText().contains(echo));
        try (TopicProbe topics = topics()) {
            assertThat(topics.readAll("socialwire.interactions")).extracting(ConsumerRecord::value)
                    .anyMatch(v -> v != null && v.contains(complaint + "b"))
                    .noneMatch(v -> v != null && v.contains(echo));
        }

        // the session expired meanwhile (a PDS's access tokens last hours): the hub logs in again and posts
        pds.expireSessions();
        hub.serviceNowAgentUpdate("incident", sysId, "{\"comments\":\"Yes, by Friday.\"}");
        assertThat(awaitNotes(sysId, "Replied on Bluesky: ", 2)).hasSize(2);
        assertThat(hub.bluesky("/xrpc/com.atproto.repo.listRecords?repo=" + BRAND
                + "&collection=app.bsky.feed.post&limit=100").path("records"))
                .filteredOn(r -> r.at("/value/reply/root/uri").asText().equals(brandPost))
                .extracting(r -> r.at("/value/text").asText())
                .containsExactly("Yes, by Friday.", "Sorry about that! We re-sent order 4411 today.");
    }

    @Test
    void aDeletedPostAndATooLongAnswerAreNotedOnTheIncidentAndDeadLettered() {
        String gone = "did:plc:gone" + run;
        hub.blueskyEvent(post(gone, "3lgone" + run, "bafyreigone" + run,
                "@acme.bsky.social my parcel never arrived and nobody answers, please help", null, null));
        String goneIncident = incident("bluesky:at://" + gone + POST + "3lgone" + run);
        hub.blueskyEvent("{\"did\":\"" + gone + "\",\"kind\":\"commit\",\"commit\":{\"rev\":\"3lrev" + run
                + "\",\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lgone" + run + "\"}}");
        String talker = "did:plc:talk" + run;
        hub.blueskyEvent(post(talker, "3ltalk" + run, "bafyreitalk" + run,
                "@acme.bsky.social my parcel never arrived and nobody answers, please help", null, null));
        String longIncident = incident("bluesky:at://" + talker + POST + "3ltalk" + run);

        hub.serviceNowAgentUpdate("incident", goneIncident, "{\"comments\":\"Could you send us your order number?\"}");
        hub.serviceNowAgentUpdate("incident", longIncident, "{\"comments\":\"" + "So sorry. ".repeat(31) + "\"}");

        assertThat(awaitNotes(goneIncident, "Reply not sent on Bluesky: ", 1).get(0))
                .isEqualTo("HTTP 400 Could not locate record: at://" + gone + POST + "3lgone" + run);
        assertThat(awaitNotes(longIncident, "Reply not sent on Bluesky: ", 1).get(0))
                .isEqualTo("the answer is 309 characters long; a Bluesky post takes at most 300 (shorten it and answer"
                        + " again)");
        try (TopicProbe topics = topics()) {
            ConsumerRecord<String, String> dead = deadLetter(topics, goneIncident);
            assertThat(header(dead, "socialwire_dlq_reason")).contains("Bluesky refused the reply: HTTP 400");
            assertThat(header(dead, "socialwire_dlq_target")).isEqualTo("bluesky");
            assertThat(dead.value()).as("the answer itself, to replay").contains("Could you send us your order number?");
            assertThat(header(deadLetter(topics, longIncident), "socialwire_dlq_reason"))
                    .contains("the answer is 309 characters long");
        }
        assertThat(hub.bluesky("/xrpc/com.atproto.repo.listRecords?repo=" + BRAND
                + "&collection=app.bsky.feed.post&limit=100").path("records"))
                .noneMatch(r -> r.at("/value/reply/parent/uri").asText().contains(run));
    }

    /** A post created on the network, in Jetstream's shape: a reply when {@code root} is set, else a mention. */
    private static String post(String did, String rkey, String cid, String text, String root, String rootCid) {
        String reply = root == null ? "" : ",\"reply\":{\"root\":{\"uri\":\"" + root + "\",\"cid\":\"" + rootCid
                + "\"},\"parent\":{\"uri\":\"" + root + "\",\"cid\":\"" + rootCid + "\"}}";
        String facets = root != null ? "" : ",\"facets\":[{\"index\":{\"byteStart\":0,\"byteEnd\":17},\"features\":"
                + "[{\"$type\":\"app.bsky.richtext.facet#mention\",\"did\":\"" + BRAND + "\"}]}]";
        return "{\"did\":\"" + did + "\",\"kind\":\"commit\",\"commit\":{\"rev\":\"" + rkey + "\",\"operation\":"
                + "\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey + "\",\"record\":{\"$type\":"
                + "\"app.bsky.feed.post\",\"createdAt\":\"2026-12-03T10:00:00.000Z\",\"langs\":[\"en\"],\"text\":\""
                + text + "\"" + reply + facets + "},\"cid\":\"" + cid + "\"}}";
    }

    private JsonNode brandsPost(String rkey) {
        return hub.bluesky("/xrpc/com.atproto.repo.getRecord?repo=" + BRAND + "&collection=app.bsky.feed.post&rkey="
                + rkey);
    }

    private String incident(String conversation) {
        return await().atMost(LOOP).until(() -> hub.serviceNowTable("incident", "correlation_id=" + conversation),
                list -> !list.isEmpty()).get(0).path("sys_id").asText();
    }

    private List<String> awaitNotes(String sysId, String prefix, int count) {
        return await().atMost(LOOP).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.journal(sysId).stream().filter(j -> j.path("element").asText().equals("work_notes"))
                        .map(j -> j.path("value").asText()).filter(v -> v.startsWith(prefix))
                        .map(v -> v.substring(prefix.length())).toList(), notes -> notes.size() >= count);
    }

    private static ConsumerRecord<String, String> deadLetter(TopicProbe topics, String sysId) {
        return await().atMost(LOOP).until(() -> topics.readAll("socialwire.dlq").stream()
                .filter(r -> r.value() != null && r.value().contains("\"recordId\":\"" + sysId + "\""))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
