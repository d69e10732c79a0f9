package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import emulators.EmulatorServer;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubProcess;
import io.socialwire.support.HubTestSupport;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Agents answer 50 incidents (each a mention on X) while the hub, a child JVM with its embedded Kafka, is killed with
 * SIGKILL twice in the middle of posting. The emulators outlive it. Afterwards X holds exactly one reply by the
 * brand under each mention, with the agent's text; no work note and none of the hub's own comments went out; each
 * incident has its "Replied on X" note.
 */
class RepliesCrashIT {

    private static final int RECORDS = 50;
    private static final Duration LONG = Duration.ofSeconds(180);

    @Test
    void eachAnswerIsPostedExactlyOnceAcrossKills() throws Exception {
        Path dataDir = HubTestSupport.newDataDir();
        int hubPort = EmulatorServer.freePort();
        try (ConfigurableApplicationContext emulators = EmulatorServer.start()) {
            int emulatorPort = EmulatorServer.port(emulators);
            List<String> settings = EmulatorServer.childHubSettings(emulatorPort, dataDir, EmulatorServer.freePort());
            try (HubProcess hub = new HubProcess(hubPort, settings, dataDir)) {
                run(hub, new HubClient(hubPort, emulatorPort), emulators.getBean(EmulatorFaults.class), dataDir);
            }
        }
    }

    private static void run(HubProcess hub, HubClient client, EmulatorFaults faults, Path dataDir)
            throws IOException {
        hub.start();
        List<String> tweets = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String tweet = "1980000000000" + String.format("%05d", i);
            tweets.add(tweet);
            assertThat(client.sendGeneric(Payloads.canonical("x", "mention", tweet, null, "crash-u" + i,
                    "crash_" + i, "Order " + i + " never arrived, please help")).statusCode()).isEqualTo(200);
        }
        List<String> incidents = tweets.stream().map(t -> await().atMost(LONG)
                .until(() -> client.serviceNowTable("incident", "correlation_id=x:" + t), l -> !l.isEmpty())
                .get(0).path("sys_id").asText()).toList();
        // a customer's follow-up on ten of them: the hub's own comments on those incidents
        for (int i = 0; i < 10; i++) {
            assertThat(client.sendGeneric(Payloads.canonical("x", "reply", tweets.get(i) + "9", "x:" + tweets.get(i),
                    "crash-u" + i, "crash_" + i, "Any news?")).statusCode()).isEqualTo(200);
        }

        answer(client, incidents, 0, 25);
        killAfterNotes(hub, client, incidents, 5);
        // the next post is answered slowly: the hub dies while X is creating it, and must find it, not post it again
        faults.add(new EmulatorFaults.Fault("POST", "/emulators/x/2/tweets", EmulatorFaults.Kind.SLOW, 0, null, 3000,
                new AtomicInteger(1)));
        answer(client, incidents, 25, 50);
        await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> faults.pending().isEmpty());
        hub.kill();
        hub.start();
        killAfterNotes(hub, client, incidents, 35);

        await().atMost(LONG).pollInterval(Duration.ofSeconds(1))
                .until(() -> replied(client, incidents).size() == RECORDS);
        Map<String, List<JsonNode>> byTweet = brandReplies(client).stream()
                .collect(Collectors.groupingBy(t -> t.path("referenced_tweets").path(0).path("id").asText()));
        long duplicated = byTweet.values().stream().mapToLong(l -> l.size() - 1).sum();
        long lost = tweets.stream().filter(t -> !byTweet.containsKey(t)).count();
        System.out.printf("replies crash test: answers %d, posted %d, lost %d, duplicated %d%n", RECORDS,
                byTweet.values().stream().mapToLong(List::size).sum(), lost, duplicated);
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(byTweet.keySet()).containsExactlyInAnyOrderElementsOf(tweets);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(byTweet.get(tweets.get(i))).singleElement().extracting(t -> t.path("text").asText())
                    .isEqualTo("Answer " + i + " to you");
        }
        // a kill between writing a note and remembering it writes that note again after the restart (never the post)
        assertThat(replied(client, incidents)).as("every incident noted").hasSize(RECORDS);
        hub.terminate();
        assertThat(logs(dataDir)).as("the post the kill interrupted was found on X, not posted again")
                .contains("found already posted on x");
    }

    /** Each agent writes a work note (never posted) and a public comment (posted). */
    private static void answer(HubClient client, List<String> incidents, int from, int to) {
        for (int i = from; i < to; i++) {
            client.serviceNowAgentUpdate("incident", incidents.get(i), "{\"work_notes\":\"internal " + i + "\"}");
            client.serviceNowAgentUpdate("incident", incidents.get(i), "{\"comments\":\"Answer " + i + " to you\"}");
        }
    }

    /** SIGKILL as soon as some answers are out: others are being posted at that moment. */
    private static void killAfterNotes(HubProcess hub, HubClient client, List<String> incidents, int notes) {
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> replied(client, incidents).size() >= notes);
        hub.kill();
        hub.start();
    }

    /** Incident sys_id to its number of "Replied on X" notes, for those that have one. */
    private static Map<String, Long> replied(HubClient client, List<String> incidents) {
        List<JsonNode> notes = client.serviceNowTable("sys_journal_field",
                "element=work_notes^valueSTARTSWITHReplied on X: ");
        return notes.stream().map(n -> n.path("element_id").asText()).filter(incidents::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<JsonNode> brandReplies(HubClient client) {
        List<JsonNode> all = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = client.x("/2/users/1000/tweets?max_results=100&tweet.fields=referenced_tweets"
                    + (next == null ? "" : "&pagination_token=" + next));
            page.path("data").forEach(all::add);
            next = page.path("meta").path("next_token").asText(null);
        } while (next != null);
        return all;
    }

    private static String logs(Path dataDir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(dataDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("hub-")).toList()) {
                all.append(java.nio.file.Files.readString(log));
            }
        }
        return all.toString();
    }
}
