package io.socialwire.targets.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.dispatch.Failures;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.support.YamlRoutes;
import io.socialwire.targets.Targets;
import io.socialwire.targets.TargetsProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * routes/targets/salesforce.camel.yaml on its own: the sObject Collections call is answered by the test, and each
 * record must come out written, refused with Salesforce's error codes, or left for the lane's retry.
 */
class SalesforceBatchRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final List<List<Map<String, Object>>> calls = new ArrayList<>();
    private final List<Map<String, Object>> headers = new ArrayList<>();
    private CamelContext camel;
    private ProducerTemplate producer;
    /** The error code each record of the next call is answered with, in order; null for success. */
    private List<String> errors = List.of();

    @BeforeEach
    void startRoutes() throws Exception {
        camel = YamlRoutes.context(Map.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TargetPacing pacing = new TargetPacing(clock, Duration.ofSeconds(30));
        TargetsProperties.Target salesforce = new TargetsProperties.Target(Map.of(), null, null, Set.of(400, 404),
                List.of("DUPLICATE_VALUE", "UNABLE_TO_LOCK_ROW"), "none", null, null);
        Targets targets = new Targets(new TargetsProperties(Map.of("salesforce", salesforce), Map.of()),
                new MockEnvironment());
        camel.getRegistry().bind("salesforceBatch", new SalesforceBatch(new Failures(targets)));
        camel.getRegistry().bind("salesforceLimits", new SalesforceLimits(pacing, clock, 0.9, Duration.ofSeconds(1)));
        camel.getRegistry().bind("salesforceErasure", mock(SalesforceErasure.class));
        camel.getRegistry().bind("targetPacing", pacing);
        YamlRoutes.load(camel, "routes/targets/salesforce.camel.yaml");
        AdviceWith.adviceWith(camel, "salesforce-upsert", route -> route.weaveByType(ToDefinition.class)
                .replace().process(this::collections));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void upsertsUpTo200RecordsACallByTheirExternalIdAndRefusesOnlyTheInvalidOne() {
        List<Write> writes = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            writes.add(lead("x:author:" + i, written));
        }
        errors = new ArrayList<>(java.util.Collections.nCopies(201, (String) null));
        errors.set(1, "REQUIRED_FIELD_MISSING");

        Exchange done = write(writes);

        assertThat(done.getException()).isNull();
        assertThat(calls).extracting(List::size).containsExactly(200, 1);
        assertThat(headers.get(0)).containsEntry("sObjectName", "Lead").containsEntry("sObjectIdName",
                "Socialwire_Id__c");
        assertThat(calls.get(0).get(0)).containsEntry("attributes", Map.of("type", "Lead"))
                .containsEntry("Socialwire_Id__c", "x:author:0").doesNotContainKey("FirstName");
        assertThat(written).hasSize(200);
        assertThat(writes.get(1).isDone()).as("dead-lettered by the lane").isFalse();
    }

    @Test
    void aLockedRowIsRetriedByTheLaneNotRefused() {
        List<String> written = new ArrayList<>();
        Write locked = lead("x:author:locked", written);
        Write fine = lead("x:author:fine", written);
        errors = java.util.Arrays.asList("UNABLE_TO_LOCK_ROW", null);

        Exchange done = write(List.of(locked, fine));

        assertThat(done.getException()).hasMessageContaining("UNABLE_TO_LOCK_ROW");
        assertThat(fine.isDone()).isTrue();
        assertThat(locked.isDone()).isFalse();
    }

    private Exchange write(List<Write> writes) {
        return producer.send("direct:salesforce-batch-write", e -> {
            e.setProperty(LaneBatch.PROPERTY, new LaneBatch(false));
            e.getMessage().setBody(writes);
        });
    }

    private Write lead(String personKey, List<String> written) {
        Exchange record = new DefaultExchange(camel);
        record.setProperty(Conversations.INTERACTION, new SocialInteraction("x:" + personKey, "x", "post",
                personKey, "x:" + personKey, null, null, NOW, "pricing for 50 seats?", "en", null, List.of(), null,
                null));
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("LastName", "Lopez");
        fields.put("FirstName", null);
        fields.put("Socialwire_Id__c", personKey);
        return new Write("salesforce", "Lead/Socialwire_Id__c", true, record, "Lead", "Socialwire_Id__c", fields,
                null, null, w -> written.add(w.writtenId()));
    }

    /** Salesforce's sObject Collections answer: one result per record, in order. */
    @SuppressWarnings("unchecked")
    private void collections(Exchange exchange) {
        List<Map<String, Object>> records = exchange.getMessage().getBody(List.class);
        calls.add(records);
        headers.add(Map.of("sObjectName", exchange.getMessage().getHeader("sObjectName"),
                "sObjectIdName", exchange.getMessage().getHeader("sObjectIdName")));
        int offset = calls.stream().limit(calls.size() - 1).mapToInt(List::size).sum();
        List<UpsertSObjectResult> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String error = errors.get(offset + i);
            UpsertSObjectResult result = new UpsertSObjectResult();
            result.setSuccess(error == null);
            result.setCreated(error == null);
            result.setId(error == null ? "00Q" + (offset + i) : null);
            result.setErrors(error == null ? List.of() : List.of(new RestError(error, "refused")));
            results.add(result);
        }
        exchange.getMessage().setBody(results);
    }
}
