package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
 * X API v2 polling end to end: people tweet at the brand through the X emulator's own POST /2/tweets, the hub's
 * poller picks the posts up through camel-http and they become records; the cursor moves, so nothing is read twice.
 */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = {"X_POLL_INTERVAL=300ms", "X_SEARCH_QUERY=@acme", "X_MENTIONS_OF="})
class XApiV2IT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Cursors cursors;

    @Test
    void tweetsAtTheBrandBecomeALeadThenATaskAndAreReadOnce() throws Exception {
        String question = tweet("maya_buys", "@acme what is the pricing for 30 seats? can we get a demo?", null);
        String followUp = tweet("maya_buys", "@acme also: do you offer a discount for nonprofits?", question);

        JsonNode lead = await().atMost(Duration.ofSeconds(30)).until(() -> hub().soql(
                "SELECT Id, LeadSource, X_Handle__c FROM Lead WHERE X_Handle__c = 'maya_buys'"), r -> r.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().soql("SELECT Id FROM Task WHERE Socialwire_Id__c = 'x:"
                + followUp + "' AND WhoId = '" + lead.path("Id").asText() + "'").size() == 1);
        assertThat(lead.path("LeadSource").asText()).isEqualTo("X");
        assertThat(cursors.get("x-v2-search:@acme")).isEqualTo(followUp);

        try (TopicProbe topics = topics()) {
            long published = topics.endOffset("socialwire.interactions");
            String marker = tweet("maya_buys", "@acme one more thing", question);
            await().atMost(Duration.ofSeconds(30)).until(() -> marker.equals(cursors.get("x-v2-search:@acme")));
            // later polls read only what is new: the two earlier tweets were not published again
            assertThat(topics.readAll("socialwire.interactions")).filteredOn(r -> r.value().contains("\"x:" + question
                    + "\"") && r.value().contains("\"id\":\"x:" + question + "\"")).hasSize(1);
            assertThat(topics.endOffset("socialwire.interactions")).isEqualTo(published + 1);
        }
    }

    @Test
    void theEmulatorSpeaksXsErrorsAndRateLimitHeaders() throws Exception {
        HttpResponse<String> anonymous = get("/emulators/x/2/tweets/search/recent?query=acme", null);
        HttpResponse<String> badSize = get("/emulators/x/2/tweets/search/recent?query=acme&max_results=500",
                "local-x-bearer-token-it");
        HttpResponse<String> ok = get("/emulators/x/2/tweets/search/recent?query=acme", "local-x-bearer-token-it");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("title").asText()).isEqualTo("Unauthorized");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-rate-limit-limit")).hasValue("450");
        assertThat(ok.headers().firstValue("x-rate-limit-remaining")).isPresent();
        assertThat(ok.headers().firstValue("x-rate-limit-reset")).isPresent();
    }

    private String tweet(String user, String text, String inReplyTo) throws Exception {
        String body = inReplyTo == null ? JSON.writeValueAsString(java.util.Map.of("text", text))
                : JSON.writeValueAsString(java.util.Map.of("text", text, "reply",
                java.util.Map.of("in_reply_to_tweet_id", inReplyTo)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/tweets"))
                .header("Authorization", "Bearer user:" + user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).path("data").path("id").asText();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
