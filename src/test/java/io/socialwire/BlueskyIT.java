package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.emulator.bluesky.JetstreamEmulator;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bluesky end to end: recorded-shape Jetstream events pushed through the emulator's WebSocket; a mention asking
 * for prices becomes a Lead, a German complaint replying to the brand an incident, the rest is skipped, and the
 * cursor follows the stream.
 */
class BlueskyIT extends HubIntegrationTest {

    @Autowired
    Cursors cursors;

    @Autowired
    JetstreamEmulator jetstream;

    @Test
    void mentionsAndRepliesFromTheJetstreamBecomeRecords() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> jetstream.subscribers() > 0);
        List<String> events = Fixtures.text("fixtures/bluesky/events.jsonl").lines().toList();
        String lastTimeUs = null;
        for (String event : events) {
            lastTimeUs = publish(event);
        }
        String last = lastTimeUs;

        await().atMost(Duration.ofSeconds(30)).until(() -> last.equals(cursors.get("bluesky-jetstream")));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().soql("SELECT Id FROM Lead WHERE "
                + "Socialwire_Id__c = 'bluesky:author:did:plc:fan123'").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().serviceNowTable("incident",
                "correlation_id=bluesky:at://did:plc:acme/app.bsky.feed.post/3l3brandpost").size() == 1);
        try (TopicProbe topics = topics()) {
            assertThat(topics.readAll("socialwire.interactions"))
                    .filteredOn(r -> r.value().contains("\"channel\":\"bluesky\"")).hasSize(2);
        }

        // the stream drops; what is posted meanwhile is read after the reconnect, and nothing earlier again
        jetstream.disconnectAll();
        String missed = publish(events.get(0).replace("3l3qo2vutsw2b", "3l3missed001")
                .replace("what is your pricing", "second question: what is your pricing"));
        await().atMost(Duration.ofSeconds(30)).until(() -> missed.equals(cursors.get("bluesky-jetstream")));
        try (TopicProbe topics = topics()) {
            assertThat(topics.readAll("socialwire.interactions"))
                    .filteredOn(r -> r.value().contains("\"channel\":\"bluesky\""))
                    .extracting(r -> r.key()).hasSize(3).doesNotHaveDuplicates();
        }
    }

    private String publish(String event) throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/emulators/bluesky/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(201);
        return new ObjectMapper().readTree(sent.body()).path("time_us").asText();
    }
}
