package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emulators.EmulatorServer;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubProcess;
import io.socialwire.support.HubTestSupport;
import io.socialwire.support.Payloads;
import io.socialwire.support.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * 2,000 interactions over 300 conversations (half Messenger threads that become incidents with comments, half X
 * conversations that become Leads with Tasks) are sent while the hub, a child JVM with its embedded Kafka, is
 * killed with SIGKILL three times and stopped with SIGTERM three times. The emulators outlive it. Afterwards they
 * hold exactly one record per conversation and one comment or Task per follow-up: none lost, none duplicated.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONVERSATIONS = 300;
    private static final int INTERACTIONS = 2000;
    private static final int BATCH = 10;
    private static final int[] KILLS = {250, 550, 850};
    private static final int[] STOPS = {1150, 1450, 1750};

    private record Message(int conversation, int index) {
        boolean messenger() {
            return conversation % 2 == 0;
        }

        String id() {
            return messenger() ? "messenger:crash-m" + conversation + "-" + index : "x:crash-x" + conversation + "-" + index;
        }
    }

    @Test
    void nothingIsLostOrDuplicatedAcrossKillsAndRestarts() throws Exception {
        List<Message> messages = messages();
        Path dataDir = HubTestSupport.newDataDir();
        int hubPort = EmulatorServer.freePort();
        int kafkaPort = EmulatorServer.freePort();
        try (ConfigurableApplicationContext emulators = EmulatorServer.start()) {
            int emulatorPort = EmulatorServer.port(emulators);
            List<String> settings = EmulatorServer.childHubSettings(emulatorPort, dataDir, kafkaPort);
            try (HubProcess hub = new HubProcess(hubPort, settings, dataDir)) {
                run(hub, new HubClient(hubPort, emulatorPort), messages, kafkaPort);
            }
        }
    }

    private static void run(HubProcess hub, HubClient client, List<Message> messages, int kafkaPort)
            throws Exception {
        hub.start();
        AtomicInteger acknowledged = new AtomicInteger();
        // two channels sending at once, each in its own order
        CompletableFuture<Void> sender = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> send(client, messages, Message::messenger, acknowledged)),
                CompletableFuture.runAsync(() -> send(client, messages, m -> !m.messenger(), acknowledged)));
        for (int threshold : KILLS) {
            restartAt(threshold, acknowledged, sender, hub::kill, hub);
        }
        for (int threshold : STOPS) {
            restartAt(threshold, acknowledged, sender, hub::terminate, hub);
        }
        sender.get();
        try (TopicProbe topics = new TopicProbe("127.0.0.1:" + kafkaPort)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(topics::allDelivered);
        }
        verify(client, messages);
        hub.terminate();
    }

    private static void restartAt(int threshold, AtomicInteger acknowledged, CompletableFuture<Void> sender,
                                  Runnable stop, HubProcess hub) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> acknowledged.get() >= threshold || sender.isDone());
        stop.run();
        hub.start();
    }

    private static void verify(HubClient client, List<Message> messages) {
        Map<Integer, Long> perConversation = messages.stream()
                .collect(Collectors.groupingBy(Message::conversation, Collectors.counting()));
        // Messenger: one incident per conversation, one journal entry per follow-up
        List<JsonNode> incidents = client.serviceNowTable("incident", "correlation_idSTARTSWITHmessenger:dm-crash");
        Map<String, Long> incidentsPerConversation = count(incidents, i -> i.path("correlation_id").asText());
        List<JsonNode> journal = client.serviceNowTable("sys_journal_field", "element=comments");
        Map<String, Long> commentsPerInteraction = count(journal,
                j -> j.path("value").asText().replaceAll("(?s).*\\(socialwire:(.*)\\)$", "$1"));
        // X: one Lead per conversation (each has its own author), one Task per follow-up
        List<JsonNode> leads = client.soql("SELECT Id, Socialwire_Id__c FROM Lead WHERE LeadSource = 'X'");
        Map<String, Long> leadsPerAuthor = count(leads, l -> l.path("Socialwire_Id__c").asText());
        List<JsonNode> tasks = client.soql("SELECT Socialwire_Id__c FROM Task");
        Map<String, Long> tasksPerInteraction = count(tasks, t -> t.path("Socialwire_Id__c").asText());

        Map<String, Long> expected = new HashMap<>();
        for (Map.Entry<Integer, Long> conversation : perConversation.entrySet()) {
            int c = conversation.getKey();
            expected.put(c % 2 == 0 ? "messenger:dm-crash-s" + c : "x:author:crash-a" + c, 1L);
            for (int i = 1; i < conversation.getValue(); i++) {
                expected.put(new Message(c, i).id(), 1L);
            }
        }
        Map<String, Long> actual = new HashMap<>();
        List.of(incidentsPerConversation, leadsPerAuthor, commentsPerInteraction, tasksPerInteraction)
                .forEach(m -> m.forEach((k, v) -> actual.merge(k, v, Long::sum)));
        long lost = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
        long duplicated = actual.entrySet().stream()
                .mapToLong(e -> expected.containsKey(e.getKey()) ? e.getValue() - 1 : e.getValue()).sum();
        int expectedRecords = CONVERSATIONS;
        int expectedFollowUps = INTERACTIONS - CONVERSATIONS;
        long found = incidents.size() + leads.size() + journal.size() + tasks.size();
        System.out.printf("crash test: records expected %d, found %d (incidents %d, leads %d); follow-ups expected "
                        + "%d, found %d (comments %d, tasks %d); lost %d, duplicated %d%n",
                expectedRecords, incidents.size() + leads.size(), incidents.size(), leads.size(), expectedFollowUps,
                journal.size() + tasks.size(), journal.size(), tasks.size(), lost, duplicated);
        assertThat(lost).as("lost").isZero();
        assertThat(duplicated).as("duplicated or unexpected: %s", actual.keySet().stream()
                .filter(k -> !expected.containsKey(k) || actual.get(k) > 1).toList()).isZero();
        assertThat(found).isEqualTo(INTERACTIONS);
    }

    private static Map<String, Long> count(List<JsonNode> records, Function<JsonNode, String> key) {
        return records.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** Sends in order, in batches, retrying each batch (as a channel does) until the hub acknowledges it. */
    private static void send(HubClient client, List<Message> messages, java.util.function.Predicate<Message> channel,
                             AtomicInteger acknowledged) {
        List<Message> list = messages.stream().filter(channel).toList();
        for (int i = 0; i < list.size(); i += BATCH) {
            List<Message> batch = list.subList(i, Math.min(list.size(), i + BATCH));
            await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> trySend(client, batch));
            acknowledged.addAndGet(batch.size());
        }
    }

    private static boolean trySend(HubClient client, List<Message> batch) {
        try {
            int status = batch.get(0).messenger()
                    ? client.sendMeta(Payloads.messaging("page", batch.stream().map(CrashIT::dm).toList()))
                            .statusCode()
                    : client.sendGeneric(JSON.writeValueAsString(batch.stream().map(CrashIT::post)
                            .collect(JSON::createArrayNode, ArrayNode::add, ArrayNode::addAll))).statusCode();
            return status == 200;
        } catch (UncheckedIOException | IOException e) {
            return false; // the hub is down or went down mid-request: the channel sends it again
        }
    }

    private static ObjectNode dm(Message m) {
        String text = m.index() == 0 ? "my order " + m.conversation() + " arrived broken, please help"
                : "follow-up " + m.index() + " on my order";
        return Payloads.messengerMessage("42", "crash-s" + m.conversation(), "crash-m" + m.conversation() + "-"
                + m.index(), text);
    }

    private static ObjectNode post(Message m) {
        String text = m.index() == 0 ? "what is your pricing for " + m.conversation() + " seats?"
                : "follow-up " + m.index() + " about the quote";
        try {
            return (ObjectNode) JSON.readTree(Payloads.canonical("x", m.index() == 0 ? "post" : "reply",
                    "crash-x" + m.conversation() + "-" + m.index(), "x:crash-conv" + m.conversation(),
                    "crash-a" + m.conversation(), "crash_" + m.conversation(), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Round-robin over conversations, each in its own order: 200 conversations of 7 messages, 100 of 6. */
    private static List<Message> messages() {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            sizes.put(c, c < 200 ? 7 : 6);
        }
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                if (round < sizes.get(c)) {
                    all.add(new Message(c, round));
                }
            }
        }
        assertThat(all).hasSize(INTERACTIONS);
        return all;
    }
}
