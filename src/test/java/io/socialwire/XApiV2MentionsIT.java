package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** X API v2 user mentions: the account's id is looked up once, its mentions polled from the cursor. */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = {"X_POLL_INTERVAL=300ms", "X_SEARCH_QUERY=words nobody tweets",
    "X_MENTIONS_OF=acme"})
class XApiV2MentionsIT extends HubIntegrationTest {

    @Autowired
    Cursors cursors;

    @Test
    void aMentionOfTheAccountBecomesAnIncident() throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/tweets"))
                .header("Authorization", "Bearer user:invoice_ian").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"@acme my invoice is wrong and nobody answers, "
                        + "terrible\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String id = new ObjectMapper().readTree(sent.body()).path("data").path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> id.equals(cursors.get("x-v2-mentions:acme")));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().serviceNowTable("incident",
                "correlation_id=x:" + id).size() == 1);
        assertThat(cursors.get("x-v2-search:words nobody tweets")).isNull();
    }
}
