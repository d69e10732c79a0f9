package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import emulators.EmulatorServer;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubProcess;
import io.socialwire.support.HubTestSupport;
import io.socialwire.support.KafkaBrokerProcess;
import io.socialwire.support.Payloads;
import io.socialwire.support.TopicProbe;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scale-out: three hub processes on one external Kafka (a KRaft broker in a JVM of its own, as users of
 * {@code SOCIALWIRE_EMBEDDED_KAFKA=false} run theirs), with the emulators in this JVM. 2,000 interactions over 300
 * conversations (half Facebook threads that become incidents with comments, half X conversations that become Leads
 * with Tasks) go round-robin to all three hubs' /webhooks/generic, in waves (a conversation's next message only
 * after its previous one was acknowledged). After about a third, hub 2 is killed with SIGKILL and a fourth hub
 * started; the rest goes to the live ones. Afterwards: one record per conversation, one comment or Task per
 * follow-up in the order sent, {@code GET /api/interactions/{id}} answers from every live instance, and every live
 * instance delivered a share ({@code socialwire_deliveries_total}).
 */
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONVERSATIONS = 300;
    private static final int INTERACTIONS = 2000;
    private static final int BATCH = 10;
    /**
     * About a third of the interactions acknowledged: hub 2 is killed and hub 4 started. {@code -Dscaleout.kill-at=N}
     * moves the moment; beyond {@link #INTERACTIONS} no hub is killed and none started (the sharing alone).
     */
    private static final int KILL_AT = Integer.getInteger("scaleout.kill-at", 700);
    /** The waves from this one on wait until hub 4 is up, so it takes part in receiving as well as delivering. */
    private static final int WAVES_WITH_HUB_4 = 5;
    /** The channels send at about this rate, so the stream still runs while hub 2 dies and hub 4 joins. */
    private static final int PER_SECOND = 50;
    private static final int SENDERS = 3;
    /** Every how many interactions {@code /api/interactions/{id}} is asked of every live instance. */
    private static final int RECEIPT_SAMPLE = 3;
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** Three hubs starting at once on two cores, or one joining while the others work, start slower than one alone. */
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Pattern TRAILER = Pattern.compile("(?s).*\\(socialwire:([^)]*)\\)\\s*$");

    private record Message(int conversation, int index) {
        boolean support() {
            return conversation % 2 == 0;
        }

        String channel() {
            return support() ? "facebook" : "x";
        }

        String id() {
            return channel() + ":" + externalId();
        }

        String externalId() {
            return "scale-c" + conversation + "-" + index;
        }

        String conversationId() {
            return channel() + ":scale-c" + conversation;
        }

        /** What identifies the conversation's record: the incident's correlation id, the Lead's external id. */
        String recordKey() {
            return support() ? conversationId() : "x:author:scale-a" + conversation;
        }

        String system() {
            return support() ? "servicenow" : "salesforce";
        }
    }

    /** A hub process, how to reach it, and how many interactions it acknowledged. */
    private record Hub(int number, int port, HubProcess process, HubClient client, AtomicInteger acknowledged) {
        @Override
        public String toString() {
            return "hub " + number;
        }
    }

    /** What the systems of record hold, against what was sent. */
    private record Tally(int records, int followUps, long lost, long duplicated, long outOfOrder,
                         Map<String, List<String>> recordIds, List<String> problems) {
        @Override
        public String toString() {
            return "records " + records + "/" + CONVERSATIONS + ", follow-ups " + followUps + "/"
                    + (INTERACTIONS - CONVERSATIONS) + ", lost " + lost + ", duplicated or unexpected " + duplicated
                    + ", conversations out of order " + outOfOrder
                    + (problems.isEmpty() ? "" : "; e.g. " + problems.subList(0, Math.min(8, problems.size())));
        }
    }

    @Test
    void hubsOnOneKafkaShareTheWorkAndLoseNothingWhenOneDiesAndAnotherJoins() throws Exception {
        long started = System.nanoTime();
        List<Message> messages = messages();
        Path dir = HubTestSupport.newDataDir();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1);
        try (KafkaBrokerProcess kafka = new KafkaBrokerProcess(dir.resolve("kafka"));
             Hubs hubs = new Hubs()) {
            Future<ConfigurableApplicationContext> emulatorStart = pool.submit(EmulatorServer::start);
            kafka.start();
            try (ConfigurableApplicationContext emulators = emulatorStart.get()) {
                int emulatorPort = EmulatorServer.port(emulators);
                HubClient reader = new HubClient(emulatorPort);
                System.out.printf("scale-out: broker %s and emulators up after %d s%n", kafka.bootstrap(),
                        seconds(started));
                List<Hub> first = List.of(hubs.add(1, kafka, emulatorPort, dir), hubs.add(2, kafka, emulatorPort, dir),
                        hubs.add(3, kafka, emulatorPort, dir));
                List<Future<?>> starts = new ArrayList<>();
                first.forEach(h -> starts.add(pool.submit(() -> h.process().start(STARTUP))));
                for (Future<?> start : starts) {
                    start.get();
                }
                System.out.printf("scale-out: hubs 1-3 ready after %d s%n", seconds(started));

                List<Hub> live = new CopyOnWriteArrayList<>(first);
                AtomicInteger acknowledged = new AtomicInteger();
                Callable<Hub> killTwoStartFour = () -> {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                            .until(() -> acknowledged.get() >= KILL_AT);
                    Hub victim = first.get(1);
                    victim.process().kill();
                    live.remove(victim);
                    System.out.printf("scale-out: hub 2 killed at %d acknowledged, %d s%n", acknowledged.get(),
                            seconds(started));
                    Hub fourth = hubs.add(4, kafka, emulatorPort, dir);
                    fourth.process().start(STARTUP);
                    live.add(fourth);
                    System.out.printf("scale-out: hub 4 ready at %d acknowledged, %d s%n", acknowledged.get(),
                            seconds(started));
                    return fourth;
                };
                Future<Hub> joined = KILL_AT > INTERACTIONS ? CompletableFuture.completedFuture(null)
                        : pool.submit(killTwoStartFour);
                send(messages, live, acknowledged, joined);
                joined.get();
                System.out.printf("scale-out: all %d interactions acknowledged after %d s (per hub: %s)%n",
                        acknowledged.get(), seconds(started), hubs.all.stream()
                                .map(h -> h + "=" + h.acknowledged()).collect(Collectors.joining(", ")));

                // everything is gathered first and asserted at the end, so a failing run still shows the whole picture
                SoftAssertions soft = new SoftAssertions();
                Tally tally = settle(reader, messages, kafka, soft);
                System.out.printf("scale-out: settled after %d s: %s%n", seconds(started), tally);
                soft.assertThat(tally.lost()).as("lost: %s", tally).isZero();
                soft.assertThat(tally.duplicated()).as("duplicated or unexpected: %s", tally).isZero();
                soft.assertThat(tally.outOfOrder()).as("out of order: %s", tally).isZero();
                soft.assertThat(tally.records()).as("records").isEqualTo(CONVERSATIONS);
                soft.assertThat(tally.followUps()).as("follow-ups").isEqualTo(INTERACTIONS - CONVERSATIONS);

                String unanswered = unanswered(live, messages, tally.recordIds());
                System.out.printf("scale-out: /api/interactions/{id} asked of %s for every %d. interaction: %s, "
                        + "%d s%n", live, RECEIPT_SAMPLE, unanswered == null ? "all answered" : unanswered,
                        seconds(started));
                soft.assertThat(unanswered).as("/api/interactions/{id} from every live instance").isNull();

                Map<Hub, Double> shares = new LinkedHashMap<>();
                live.forEach(h -> shares.put(h, deliveries(h)));
                System.out.printf("scale-out: socialwire_deliveries_total per live instance: %s%n",
                        shares.entrySet().stream().map(e -> e.getKey() + "=" + Math.round(e.getValue()))
                                .collect(Collectors.joining(", ")));
                System.out.printf("scale-out: totals: records %d, follow-ups %d, duplicates %d, lost %d, "
                        + "%d s in all (logs in %s)%n", tally.records(), tally.followUps(), tally.duplicated(),
                        tally.lost(), seconds(started), dir);
                List<Instant> reads = emulators.getBean(EmulatorTraffic.class).log().stream()
                        .filter(call -> "GET".equals(call.method()) && call.path().contains("/sys_journal_field"))
                        .map(EmulatorTraffic.Call::at).toList();
                long intervals = reads.size() < 2 ? 0
                        : Duration.between(reads.get(0), reads.get(reads.size() - 1)).toMillis() / 5000;
                System.out.printf("scale-out: ServiceNow answers read %d times in %d poll intervals of 5 s%n",
                        reads.size(), intervals);
                soft.assertThat(reads).as("the replies poll runs").hasSizeGreaterThan(1);
                // one instance of all polls: about one read per interval (three instances polling would make about
                // three), plus up to one more each time the cursor's partition moves to an instance whose timer runs
                // at another phase: hubs 1-3 joining, hub 2 dying, hub 4 joining
                soft.assertThat((long) reads.size()).as("ServiceNow reads over %d intervals", intervals)
                        .isLessThanOrEqualTo(intervals + 6);
                shares.forEach((hub, delivered) -> soft.assertThat(delivered)
                        .as("socialwire_deliveries_total of %s: every live instance delivers a share", hub)
                        .isPositive());
                soft.assertAll();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends wave after wave (wave r: the r-th message of every conversation that has one) in batches of
     * {@link #BATCH}, at about {@link #PER_SECOND}, each batch to the next live hub; a batch that fails (its hub
     * died under it) goes to the next one, as a channel retries. A wave starts once the previous one is acknowledged.
     */
    private static void send(List<Message> messages, List<Hub> live, AtomicInteger acknowledged, Future<Hub> joined)
            throws Exception {
        Map<Integer, List<Message>> waves = messages.stream()
                .collect(Collectors.groupingBy(Message::index, TreeMap::new, Collectors.toList()));
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        long interval = Duration.ofSeconds(1).toNanos() * BATCH / PER_SECOND;
        AtomicInteger batches = new AtomicInteger();
        try {
            for (Map.Entry<Integer, List<Message>> wave : waves.entrySet()) {
                if (wave.getKey() == WAVES_WITH_HUB_4) {
                    joined.get();
                }
                List<Future<?>> sent = new ArrayList<>();
                List<Message> list = wave.getValue();
                for (int i = 0; i < list.size(); i += BATCH) {
                    List<Message> batch = list.subList(i, Math.min(list.size(), i + BATCH));
                    int number = batches.getAndIncrement();
                    sent.add(senders.submit(() -> {
                        LockSupport.parkNanos(start + number * interval - System.nanoTime());
                        sendBatch(batch, number, live);
                        acknowledged.addAndGet(batch.size());
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static void sendBatch(List<Message> batch, int number, List<Hub> live) {
        String body = body(batch);
        AtomicInteger attempt = new AtomicInteger();
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<Hub> hubs = List.copyOf(live);
                    Hub hub = hubs.get(Math.floorMod(number + attempt.getAndIncrement(), hubs.size()));
                    try {
                        if (hub.client().sendGeneric(body).statusCode() == 200) {
                            hub.acknowledged().addAndGet(batch.size());
                            return true;
                        }
                        return false;
                    } catch (UncheckedIOException e) {
                        return false; // the hub died under the request: the channel sends it again, elsewhere
                    }
                });
    }

    /**
     * Waits until nothing is missing and no consumer group has anything left (or {@link #SETTLE} passed: then the
     * groups still behind are a failure), then tallies once more.
     */
    private static Tally settle(HubClient reader, List<Message> messages, KafkaBrokerProcess kafka,
                                SoftAssertions soft) {
        try (TopicProbe topics = new TopicProbe(kafka.bootstrap())) {
            List<String> lagging = new ArrayList<>();
            try {
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    lagging.clear();
                    lagging.addAll(topics.laggingGroups());
                    return lagging.isEmpty() && tally(reader, messages).lost() == 0;
                });
            } catch (ConditionTimeoutException e) {
                soft.assertThat(lagging).as("consumer groups with records left after %s", SETTLE).isEmpty();
            }
        }
        return tally(reader, messages);
    }

    private static Tally tally(HubClient reader, List<Message> messages) {
        Map<Integer, List<Message>> conversations = messages.stream()
                .collect(Collectors.groupingBy(Message::conversation, TreeMap::new, Collectors.toList()));
        List<JsonNode> incidents = reader.serviceNowTable("incident", "ORDERBYsys_created_on");
        List<JsonNode> journal = reader.serviceNowTable("sys_journal_field", "ORDERBYsys_created_on");
        List<JsonNode> leads = reader.soql("SELECT Id, Socialwire_Id__c FROM Lead ORDER BY Id");
        List<JsonNode> tasks = reader.soql("SELECT Id, WhoId, Socialwire_Id__c FROM Task ORDER BY Id");

        // the records, by what identifies their conversation
        Map<String, List<String>> records = new HashMap<>();
        incidents.forEach(i -> records.computeIfAbsent(i.path("correlation_id").asText(), k -> new ArrayList<>())
                .add(i.path("sys_id").asText()));
        leads.forEach(l -> records.computeIfAbsent(l.path("Socialwire_Id__c").asText(), k -> new ArrayList<>())
                .add(l.path("Id").asText()));
        // the follow-ups, by the record they are on, oldest first (journal by creation, Task ids by creation)
        Map<String, List<String>> followUps = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : journal) {
            Matcher m = TRAILER.matcher(entry.path("value").asText());
            String id = m.matches() ? m.group(1) : "journal entry without an interaction id on "
                    + entry.path("element_id").asText();
            followUps.computeIfAbsent(entry.path("element_id").asText(), k -> new ArrayList<>()).add(id);
        }
        tasks.forEach(t -> followUps.computeIfAbsent(t.path("WhoId").asText(), k -> new ArrayList<>())
                .add(t.path("Socialwire_Id__c").asText()));

        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        int recordCount = 0;
        int followUpCount = 0;
        Set<String> expectedKeys = new java.util.HashSet<>();
        Set<String> seenRecords = new java.util.HashSet<>();
        Map<String, List<String>> recordIds = new HashMap<>();
        for (List<Message> conversation : conversations.values()) {
            Message first = conversation.get(0);
            expectedKeys.add(first.recordKey());
            List<String> found = records.getOrDefault(first.recordKey(), List.of());
            if (found.isEmpty()) {
                lost += conversation.size();
                continue;
            }
            recordCount++;
            if (found.size() > 1) {
                duplicated += found.size() - 1;
                problems.add(found.size() + " records for " + first.recordKey());
            }
            conversation.forEach(m -> recordIds.put(m.id(), found));
            List<String> expected = conversation.stream().skip(1).map(Message::id).toList();
            List<String> actual = new ArrayList<>();
            found.forEach(r -> actual.addAll(followUps.getOrDefault(r, List.of())));
            seenRecords.addAll(found);
            followUpCount += actual.size();
            long missing = expected.stream().filter(id -> !actual.contains(id)).count();
            long extra = actual.size() - (expected.size() - missing);
            lost += missing;
            duplicated += extra;
            List<String> distinct = actual.stream().distinct().filter(expected::contains).toList();
            if (!distinct.equals(expected.stream().filter(actual::contains).toList())) {
                outOfOrder++;
                problems.add(first.conversationId() + " out of order: " + actual);
            } else if (missing > 0 || extra > 0) {
                problems.add(first.conversationId() + " has " + actual + ", sent " + expected);
            }
        }
        // records of no conversation sent, and follow-ups on no conversation's record
        for (Map.Entry<String, List<String>> e : records.entrySet()) {
            if (!expectedKeys.contains(e.getKey())) {
                duplicated += e.getValue().size();
                problems.add("unexpected record " + e.getKey());
            }
        }
        for (Map.Entry<String, List<String>> e : followUps.entrySet()) {
            if (!seenRecords.contains(e.getKey())) {
                duplicated += e.getValue().size();
                followUpCount += e.getValue().size();
                problems.add("follow-ups on an unknown record " + e.getKey() + ": " + e.getValue());
            }
        }
        return new Tally(recordCount, followUpCount, lost, duplicated, outOfOrder, recordIds, problems);
    }

    /**
     * Asks every live instance for every {@link #RECEIPT_SAMPLE}. interaction's receipt, which must name its
     * conversation's record; null when all answered, else what did not.
     */
    private static String unanswered(Collection<Hub> live, List<Message> messages,
                                     Map<String, List<String>> recordIds) {
        Map<Hub, List<Message>> pending = new ConcurrentHashMap<>();
        List<Message> sample = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += RECEIPT_SAMPLE) {
            sample.add(messages.get(i));
        }
        live.forEach(h -> pending.put(h, new CopyOnWriteArrayList<>(sample)));
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                pending.entrySet().parallelStream().forEach(e -> e.getValue()
                        .removeIf(m -> answers(e.getKey(), m, recordIds.get(m.id()))));
                return pending.values().stream().allMatch(List::isEmpty);
            });
            return null;
        } catch (ConditionTimeoutException timeout) {
            return pending.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> {
                Message m = e.getValue().get(0);
                HttpResponse<String> answer = e.getKey().client().whereDid(m.id());
                return e.getKey() + " left " + e.getValue().size() + " of " + sample.size() + " unanswered, e.g. "
                        + m.id() + " (record " + recordIds.get(m.id()) + ") -> " + answer.statusCode() + " "
                        + answer.body();
            }).collect(Collectors.joining("; "));
        }
    }

    private static boolean answers(Hub hub, Message m, List<String> recordIds) {
        HttpResponse<String> response;
        try {
            response = hub.client().whereDid(m.id());
        } catch (UncheckedIOException e) {
            return false;
        }
        if (response.statusCode() != 200) {
            return false;
        }
        try {
            for (JsonNode receipt : JSON.readTree(response.body()).path("receipts")) {
                if (receipt.path("system").asText().equals(m.system())
                        && recordIds != null && recordIds.contains(receipt.path("recordId").asText())
                        && receipt.path("conversationId").asText().equals(m.conversationId())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The sum of an instance's {@code socialwire_deliveries_total} series, from /actuator/prometheus. */
    private static double deliveries(Hub hub) {
        HttpResponse<String> response = hub.client().get("/actuator/prometheus");
        assertThat(response.statusCode()).as("%s /actuator/prometheus", hub).isEqualTo(200);
        return response.body().lines().filter(l -> l.startsWith("socialwire_deliveries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String body(List<Message> batch) {
        ArrayNode array = JSON.createArrayNode();
        for (Message m : batch) {
            String text;
            if (m.support()) {
                text = m.index() == 0 ? "my order " + m.conversation() + " arrived broken, please help"
                        : "follow-up " + m.index() + " on my order";
            } else {
                text = m.index() == 0 ? "what is your pricing for " + m.conversation() + " seats?"
                        : "follow-up " + m.index() + " about the quote";
            }
            String kind = m.index() == 0 ? "post" : m.support() ? "comment" : "reply";
            String author = (m.support() ? "scale-f" : "scale-a") + m.conversation();
            try {
                array.add(JSON.readTree(Payloads.canonical(m.channel(), kind, m.externalId(), m.conversationId(),
                        author, "scale_" + m.conversation(), text)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Round-robin over conversations, each in its own order: 200 conversations of 7 messages, 100 of 6. */
    private static List<Message> messages() {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                if (round < (c < 200 ? 7 : 6)) {
                    all.add(new Message(c, round));
                }
            }
        }
        assertThat(all).hasSize(INTERACTIONS);
        return all;
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    /** The hubs of the test: each with its own port, data and state folders and log folder; all stopped at the end. */
    private static final class Hubs implements AutoCloseable {

        final List<Hub> all = new CopyOnWriteArrayList<>();

        Hub add(int number, KafkaBrokerProcess kafka, int emulatorPort, Path dir) {
            Path home = dir.resolve("hub-" + number);
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // each setting once (a repeated command-line option would be joined with a comma)
            Map<String, String> values = new LinkedHashMap<>(HubClient.PROPERTIES);
            EmulatorServer.hubSettings(emulatorPort).forEach(s -> values.put(s.substring(0, s.indexOf('=')),
                    s.substring(s.indexOf('=') + 1)));
            values.put("SOCIALWIRE_EMBEDDED_KAFKA", "false");
            values.put("camel.component.kafka.brokers", kafka.bootstrap());
            values.put("SOCIALWIRE_DATA_DIR", home.toString());
            values.put("SOCIALWIRE_STATE_DIR", home.resolve("state").toString());
            values.put("SOCIALWIRE_PARTITIONS", "6");
            values.put("SOCIALWIRE_LANE_PARTITIONS", "6");
            // only the webhooks take part here: no polled or streamed channel
            values.put("X_BEARER_TOKEN", "");
            values.put("BLUESKY_JETSTREAM_URL", "");
            List<String> settings = new ArrayList<>();
            values.forEach((k, v) -> settings.add(k + "=" + v));
            int port = freePort();
            Hub hub = new Hub(number, port, new HubProcess(port, settings, home), new HubClient(port, emulatorPort),
                    new AtomicInteger());
            all.add(hub);
            return hub;
        }

        /** Never leaves a hub running behind the test (their folders are thrown away with it). */
        @Override
        public void close() {
            all.forEach(h -> h.process().close());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
