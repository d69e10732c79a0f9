package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorFaults.Kind;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.pacing.TargetCircuits;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One system of record down must not stall the others: with every Salesforce call failing, support complaints
 * still become ServiceNow incidents, Salesforce's circuit opens (no calls to it for a while), and once it is back
 * every sales question becomes its Lead, none twice.
 */
class TargetIsolationIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_DEPARTMENT = 20;

    @Autowired
    private EmulatorFaults faults;
    @Autowired
    private EmulatorTraffic traffic;
    @Autowired
    private TargetCircuits circuits;

    @AfterEach
    void clear() {
        faults.clear();
    }

    @Test
    void salesforceDownOpensItsCircuitAndServiceNowRecordsKeepFlowing() throws Exception {
        HubClient hub = hub();
        String run = "iso" + UUID.randomUUID().toString().substring(0, 6);
        for (String method : List.of("GET", "POST", "PATCH")) {
            faults.add(new EmulatorFaults.Fault(method, "/services/", Kind.STATUS, 503, null, 0,
                    new AtomicInteger(1_000_000)));
        }
        Instant down = Instant.now();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < PER_DEPARTMENT; i++) {
            batch.add(JSON.readTree(Payloads.canonical("x", "post", run + "-s" + i, null, run + "-as" + i,
                    "cust" + run + i, "my order " + i + " arrived broken, please help")));
            batch.add(JSON.readTree(Payloads.canonical("x", "post", run + "-l" + i, null, run + "-al" + i,
                    "buyer" + run + i, "what is your pricing for " + (i + 10) + " seats?")));
        }
        assertThat(hub.sendGeneric(batch.toString()).statusCode()).isEqualTo(200);

        List<JsonNode> incidents = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.serviceNowTable("incident", "correlation_idSTARTSWITHx:" + run + "-s"),
                        found -> found.size() == PER_DEPARTMENT);
        Instant incidentsAt = Instant.now();
        assertThat(incidents).extracting(i -> i.path("description").asText())
                .allSatisfy(d -> assertThat(d).contains("arrived broken").doesNotContain("Known as"));
        await().atMost(Duration.ofSeconds(30)).until(() -> circuits.isOpen("salesforce"));
        TargetCircuits.Opening opening = circuits.openings("salesforce").stream()
                .filter(o -> o.at().isAfter(down)).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(70)).until(() -> Instant.now().isAfter(opening.until()));
        // calls already on their way when it opened may still arrive in its first moments
        Instant settled = opening.at().plusMillis(300);
        long callsWhileOpen = traffic.log().stream().filter(c -> c.system().equals("salesforce")
                && c.at().isAfter(settled) && c.at().isBefore(opening.until())).count();
        System.out.printf("Salesforce down: %d incidents within %d ms; circuit open for %d ms, %d calls meanwhile%n",
                incidents.size(), Duration.between(down, incidentsAt).toMillis(),
                Duration.between(opening.at(), opening.until()).toMillis(), callsWhileOpen);
        assertThat(callsWhileOpen).as("calls to Salesforce while its circuit was open").isZero();

        faults.clear();
        Instant up = Instant.now();
        List<JsonNode> leads = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.soql("SELECT Socialwire_Id__c, Description FROM Lead WHERE Socialwire_Id__c LIKE "
                        + "'x:author:" + run + "-al%'"), found -> found.size() >= PER_DEPARTMENT);
        System.out.printf("Salesforce back: %d Leads within %d ms%n", leads.size(),
                Duration.between(up, Instant.now()).toMillis());
        assertThat(leads).extracting(l -> l.path("Socialwire_Id__c").asText()).doesNotHaveDuplicates()
                .hasSize(PER_DEPARTMENT);
        assertThat(leads).extracting(l -> l.path("Description").asText())
                .allSatisfy(d -> assertThat(d).contains("seats?"));
        assertThat(hub.serviceNowTable("incident", "correlation_idSTARTSWITHx:" + run)).hasSize(PER_DEPARTMENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> !circuits.isOpen("salesforce"));
    }
}
