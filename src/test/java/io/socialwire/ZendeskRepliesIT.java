package io.socialwire;

import static io.socialwire.support.Payloads.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The loop closed from Zendesk: an agent's public comment on the ticket a mention on X became goes back to X as the
 * brand, threaded under the mention, and the ticket gets a private note with the link. A private comment by the agent,
 * the hub's own follow-up comments and a public comment by the integration user are never posted.
 */
@DirtiesContext
// a short poll: the test is about what is posted, not how soon (docs/operations.md has the default's cost)
@TestPropertySource(properties = {"SOCIALWIRE_SUPPORT_TARGET=zendesk-ticket", "SOCIALWIRE_REPLIES_ZENDESK_POLL=2s"})
class ZendeskRepliesIT extends HubIntegrationTest {

    private static final Duration LOOP = Duration.ofSeconds(40);

    @Test
    void anAgentsPublicCommentIsPostedOnXThreadedUnderTheMentionAndNotedOnTheTicket() {
        HubClient hub = hub();
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
        String tweet = "18" + run + "01";
        assertThat(hub.sendGeneric(canonical("x", "mention", tweet, null, "u" + run, "cust" + run,
                "My parcel never arrived and nobody answers, please help")).statusCode()).isEqualTo(200);
        String ticket = await().atMost(LOOP).until(() -> tickets(hub, "x:" + tweet), t -> !t.isEmpty()).get(0)
                .path("id").asText();

        hub.zendeskComment(ticket, "Carrier lost the parcel (internal)", false, true);
        hub.zendeskComment(ticket, "Sorry about that! We re-sent order 4411 today.", true, true);

        String url = await().atMost(LOOP).until(() -> notes(hub, ticket), n -> !n.isEmpty()).get(0);
        assertThat(url).startsWith("https://x.com/i/web/status/");
        JsonNode posted = hub.x("/2/tweets/" + url.substring(url.lastIndexOf('/') + 1)).path("data");
        assertThat(posted.path("text").asText()).isEqualTo("Sorry about that! We re-sent order 4411 today.");
        assertThat(posted.path("referenced_tweets").get(0).path("type").asText()).isEqualTo("replied_to");
        assertThat(posted.path("referenced_tweets").get(0).path("id").asText()).isEqualTo(tweet);
        assertThat(posted.path("author_id").asText()).as("posted as the brand").isEqualTo(hub.xBrandId());

        // the customer again: the hub's follow-up comment is its own; so is a public comment by the integration user
        assertThat(hub.sendGeneric(canonical("x", "reply", "18" + run + "02", "x:" + tweet, "u" + run,
                "cust" + run, "Thanks, will it arrive by Friday?")).statusCode()).isEqualTo(200);
        await().atMost(LOOP).until(() -> comments(hub, ticket).stream()
                .anyMatch(c -> c.path("body").asText().contains("(socialwire:x:18" + run + "02)")));
        hub.zendeskComment(ticket, "Written by the integration, not an agent", true, false);
        hub.zendeskComment(ticket, "Yes, by Friday.", true, true);
        await().atMost(LOOP).until(() -> notes(hub, ticket), n -> n.size() >= 2);

        assertThat(hub.xBrandRepliesTo(tweet)).extracting(t -> t.path("text").asText())
                .containsExactly("Sorry about that! We re-sent order 4411 today.", "Yes, by Friday.");
        assertThat(notes(hub, ticket)).as("each answer noted once").hasSize(2);
        assertThat(comments(hub, ticket)).filteredOn(c -> c.path("body").asText().startsWith("Replied on X: "))
                .allSatisfy(note -> assertThat(note.path("public").asBoolean()).as("a private note").isFalse());
    }

    private static List<JsonNode> tickets(HubClient hub, String externalId) {
        List<JsonNode> tickets = new ArrayList<>();
        hub.zendesk("/tickets.json?external_id=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8))
                .path("tickets").forEach(tickets::add);
        return tickets;
    }

    private static List<JsonNode> comments(HubClient hub, String ticket) {
        List<JsonNode> comments = new ArrayList<>();
        hub.zendesk("/tickets/" + ticket + "/comments.json").path("comments").forEach(comments::add);
        return comments;
    }

    private static List<String> notes(HubClient hub, String ticket) {
        return comments(hub, ticket).stream().map(c -> c.path("body").asText())
                .filter(b -> b.startsWith("Replied on X: ")).map(b -> b.substring("Replied on X: ".length())).toList();
    }
}
