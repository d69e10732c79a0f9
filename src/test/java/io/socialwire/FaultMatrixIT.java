package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorFaults.Kind;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The systems of record misbehave while interactions flow: each fault on each target. Every interaction must end
 * as exactly one record (none lost, none duplicated), and a 429 with Retry-After is honoured to the second.
 * {@code -Dfaults.interactions=1000} runs the matrix at full size (default 60 per fault).
 */
class FaultMatrixIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_FAULT = Integer.getInteger("faults.interactions", 60);
    /** The hub's ServiceNow writes: one Batch API call per lane batch. */
    private static final String INCIDENTS = "/api/now/v1/batch";
    /** The hub's Lead writes: sObject Collections upserts. */
    private static final String LEADS = "/services/data/v56.0/composite/sobjects/Lead";

    @Autowired
    private EmulatorFaults faults;
    @Autowired
    private EmulatorTraffic traffic;

    private HubClient hub;

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @AfterEach
    void clear() {
        faults.clear();
    }

    @Test
    void aServiceNow429WithRetryAfterIsHonoured() {
        String run = run();
        Instant sent = Instant.now();
        hub.post("/emulators/faults", "{\"method\":\"POST\",\"path\":\"" + INCIDENTS + "\",\"status\":429,"
                + "\"retryAfterSeconds\":2,\"times\":1}");
        assertThat(hub.sendGeneric(Payloads.canonical("x", "post", run, null, "a" + run, "h" + run,
                "My order is broken, please help")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> hub.serviceNowTable("incident",
                "correlation_id=x:" + run).size() == 1);
        List<EmulatorTraffic.Call> creates = traffic.log().stream()
                .filter(c -> c.at().isAfter(sent) && c.method().equals("POST") && c.path().endsWith(INCIDENTS))
                .toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(0).fault()).isEqualTo("status 429");
        Duration waited = Duration.between(creates.get(0).at(), creates.get(1).at());
        System.out.printf("ServiceNow 429 Retry-After 2: next call after %d ms%n", waited.toMillis());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    /** Faults are on the hub's writes (POST, PATCH): the test's own reads (GET) must not be the ones that fail. */
    @Test
    void everyFaultOnEveryTargetLosesAndDuplicatesNothing() {
        Map<String, EmulatorFaults.Fault> matrix = new LinkedHashMap<>();
        matrix.put("servicenow 503", fault("POST", INCIDENTS, Kind.STATUS, 503, null, 0, 3));
        matrix.put("servicenow 429 Retry-After 1", fault("POST", INCIDENTS, Kind.STATUS, 429, 1, 0, 2));
        // a slow call succeeds, so only distinct calls use it: one, as a small batch may need no more
        matrix.put("servicenow slow 1.5 s", fault("POST", INCIDENTS, Kind.SLOW, 0, null, 1500, 1));
        matrix.put("servicenow timeout", fault("POST", INCIDENTS, Kind.TIMEOUT, 0, null, 5000, 1));
        matrix.put("servicenow reset", fault("POST", INCIDENTS, Kind.RESET, 0, null, 0, 2));
        matrix.put("servicenow truncated", fault("POST", INCIDENTS, Kind.TRUNCATED, 0, null, 0, 2));
        matrix.put("servicenow 401", fault("POST", INCIDENTS, Kind.STATUS, 401, null, 0, 1));
        matrix.put("salesforce 503", fault("PATCH", LEADS, Kind.STATUS, 503, null, 0, 3));
        matrix.put("salesforce 429", fault("PATCH", LEADS, Kind.STATUS, 429, null, 0, 2));
        matrix.put("salesforce 401 (expired token)", fault("PATCH", LEADS, Kind.STATUS, 401, null, 0, 1));
        matrix.put("salesforce slow 1.5 s", fault("PATCH", LEADS, Kind.SLOW, 0, null, 1500, 1));
        matrix.put("salesforce reset", fault("PATCH", LEADS, Kind.RESET, 0, null, 0, 2));

        List<String> report = new ArrayList<>();
        matrix.forEach((name, fault) -> {
            String run = run();
            long start = System.nanoTime();
            faults.add(fault);
            AtomicInteger sent = new AtomicInteger();
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < PER_FAULT; i++) {
                boolean support = i % 2 == 0;
                String text = support ? "my order " + i + " arrived broken, please help"
                        : "what is your pricing for " + (i + 10) + " seats?";
                batch.add(read(Payloads.canonical("x", "post", run + "-" + i, null, run + "-a" + i, "u" + run + i,
                        text)));
                if (batch.size() == 50 || i == PER_FAULT - 1) {
                    assertThat(hub.sendGeneric(batch.toString()).statusCode()).isEqualTo(200);
                    sent.addAndGet(batch.size());
                    batch.removeAll();
                }
            }
            Function<Void, Map<String, Long>> found = v -> {
                Map<String, Long> records = new LinkedHashMap<>();
                hub.serviceNowTable("incident", "correlation_idSTARTSWITHx:" + run + "-").forEach(
                        r -> records.merge(r.path("correlation_id").asText(), 1L, Long::sum));
                hub.soql("SELECT Socialwire_Id__c FROM Lead WHERE Socialwire_Id__c LIKE 'x:author:" + run + "-%'")
                        .forEach(r -> records.merge(r.path("Socialwire_Id__c").asText(), 1L, Long::sum));
                return records;
            };
            await().atMost(Duration.ofSeconds(Math.max(120, PER_FAULT / 4))).pollInterval(Duration.ofMillis(500))
                    .until(() -> found.apply(null).size() >= PER_FAULT);
            Map<String, Long> records = found.apply(null);
            long duplicates = records.values().stream().mapToLong(c -> c - 1).sum();
            long lost = PER_FAULT - records.size();
            report.add(String.format("%-32s expected %d, found %d, duplicates %d, lost %d, %.1f s", name, PER_FAULT,
                    records.size(), duplicates, lost, (System.nanoTime() - start) / 1e9));
            assertThat(faults.pending()).as(name + ": the fault was used").isEmpty();
            assertThat(duplicates).as(name + " duplicates").isZero();
            assertThat(lost).as(name + " lost").isZero();
        });
        System.out.println("Fault matrix (" + PER_FAULT + " interactions per fault):\n" + String.join("\n", report));
    }

    private static EmulatorFaults.Fault fault(String method, String path, Kind kind, int status,
                                              Integer retryAfter, long delayMs, int times) {
        return new EmulatorFaults.Fault(method, path, kind, status, retryAfter, delayMs, new AtomicInteger(times));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run() {
        return "f" + UUID.randomUUID().toString().substring(0, 8);
    }
}
