package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * camel-twitter's search and mentions-timeline consumers (twitter4j, REST v1.1) against the X emulator's v1.1
 * subset: a tweet at the brand becomes a record once, although search returns it on every poll and both sources
 * see it. The v2 poller is off here so only camel-twitter reads.
 */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = {"X_V11_ENABLED=true", "X_V11_INTERVAL=300",
    "socialwire.channels.x-v2.bearer-token="})
class XCamelTwitterIT extends HubIntegrationTest {

    @Autowired
    Cursors cursors;

    @Test
    void aTweetAtTheBrandIsReadThroughCamelTwitterOnce() throws Exception {
        String id = tweet("camel_fan", "@acme the app crashes with an error every time I log in, help");

        await().atMost(Duration.ofSeconds(30)).until(() -> hub().serviceNowTable("incident",
                "correlation_id=x:" + id).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> id.equals(cursors.get("x-v11-search:@acme"))
                && id.equals(cursors.get("x-v11-mentions")));
        String next = tweet("camel_fan", "@acme still broken");
        await().atMost(Duration.ofSeconds(30)).until(() -> next.equals(cursors.get("x-v11-search:@acme")));

        try (TopicProbe topics = topics()) {
            // search returned the tweet on every poll and the timeline saw it too: each source published it once
            assertThat(topics.readAll("socialwire.interactions"))
                    .filteredOn(r -> r.value().contains("\"id\":\"x:" + id + "\"")).hasSize(2);
        }
        assertThat(hub().serviceNowTable("incident", "correlation_id=x:" + id)).hasSize(1);
    }

    @Test
    void aDirectMessageToTheBrandIsReadThroughCamelTwitterOnce() throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/dm_conversations/with/1000/messages"))
                .header("Authorization", "Bearer user:dm_buyer").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"what is your pricing for 12 seats?\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(201);
        String eventId = new ObjectMapper().readTree(sent.body()).path("data").path("dm_event_id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> eventId.equals(cursors.get("x-v11-direct-messages")));
        JsonNode lead = await().atMost(Duration.ofSeconds(30)).until(() -> hub().soql(
                "SELECT Id, LeadSource, Description FROM Lead WHERE LeadSource = 'X' AND Description LIKE "
                        + "'%x:dm-" + eventId + "%'"), r -> r.size() == 1).get(0);
        assertThat(lead.path("Description").asText()).contains("Channel:      X (direct_message)",
                "what is your pricing for 12 seats?");
        try (TopicProbe topics = topics()) {
            assertThat(topics.readAll("socialwire.interactions"))
                    .filteredOn(r -> r.value().contains("\"id\":\"x:dm-" + eventId + "\"")).hasSize(1);
        }
    }

    private String tweet(String user, String text) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/tweets"))
                .header("Authorization", "Bearer user:" + user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(
                        java.util.Map.of("text", text)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return new ObjectMapper().readTree(response.body()).path("data").path("id").asText();
    }
}
