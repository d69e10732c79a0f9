package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A record the target refuses (here: the Lead's external id field does not exist in the org) goes to the
 * dead-letter topic with the reason, unchanged, and its offset is committed; the interactions after it flow on.
 */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = "camel.kamelet.salesforce-lead-sink.externalIdField=Not_In_The_Org__c")
class DeadLetterIT extends HubIntegrationTest {

    @Test
    void aRefusedRecordIsDeadLetteredWithItsReasonAndTheRestFlowOn() {
        HubClient hub = hub();
        String salesQuestion = "{\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"77\",\"text\":\"What is the "
                + "pricing of the enterprise plan?\",\"author\":{\"id\":\"9\",\"handle\":\"private_person\"}}";

        assertThat(hub.sendGeneric(salesQuestion).statusCode()).isEqualTo(200);
        assertThat(hub.sendMeta(Fixtures.bytes("fixtures/meta/page-feed-comment.json")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> hub.serviceNowTable("incident", "correlation_id=facebook:104512345678901_2002"), r -> r.size() == 1);
        try (TopicProbe topics = topics()) {
            // the lanes write in batches, each on its own: the refused Lead may come a moment after the incident
            List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(10))
                    .until(() -> topics.readAll("socialwire.dlq"), d -> !d.isEmpty());
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).contains("\"id\":\"x:77\"", "\"handle\":\"private_person\"");
                Map<String, String> headers = headers(record);
                assertThat(headers).containsEntry("socialwire_dlq_target", "salesforce-lead")
                        .containsEntry("socialwire_dlq_attempts", "1")
                        .containsEntry("socialwire_dlq_source", "socialwire.deliveries.sales/0@0")
                        .containsKey("socialwire_dlq_failed_at");
                // the Lead upsert (sObject Collections) names the field; Salesforce refuses that record alone
                assertThat(headers.get("socialwire_dlq_reason")).startsWith("Salesforce 400: NOT_FOUND Provided "
                        + "external ID field does not exist or is not accessible: Not_In_The_Org__c");
                assertThat(String.join(" ", headers.values())).doesNotContain("private_person", "pricing");
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> topics.committedOffset("socialwire-dispatch", "socialwire.interactions") == 2
                            && topics.allDelivered());
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
