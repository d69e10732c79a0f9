package io.socialwire;

import static io.socialwire.support.Payloads.messaging;
import static io.socialwire.support.Payloads.messengerMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Regression tests for the Camel Kafka pitfalls in reliability.md, on the hub's own consumer and stores. Retries
 * are off here, so a failure goes straight to the consumer's break-on-first-error path.
 */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = "socialwire.dispatch.retries=0")
class KafkaPitfallsIT extends HubIntegrationTest {

    @Autowired
    EmulatorFaults faults;

    @Autowired
    EmulatorTraffic traffic;

    @Autowired
    CamelContext camel;

    /** Commits go out with the next poll: with breakOnFirstError, the async commit manager commits up to a failure. */
    @Test
    void consumersCommitAsynchronously() {
        assertThat(camel.getComponent("kafka", KafkaComponent.class).getKafkaManualCommitFactory())
                .isInstanceOf(DefaultKafkaManualAsyncCommitFactory.class);
    }

    /**
     * CAMEL-18350 (breakOnFirstError in a poll) meets batching: the delivery lanes consume in batches and write each
     * batch in one call. When that call fails, the batch is written again, and only it: every record lands once,
     * none is dead-lettered, and the records cost far fewer calls than one each.
     */
    @Test
    void aFailedBatchCallIsRetriedAndLosesOrDoublesNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ObjectNode> events = IntStream.range(0, 10).mapToObj(i -> messengerMessage("42", run + "-" + i,
                run + "-m" + i, "my parcel " + i + " never arrived, help")).toList();
        HubClient hub = hub();
        long callsBefore = traffic.calls("servicenow");
        faults.failNext("POST", "/api/now/v1/batch", 1, 503);

        assertThat(hub.sendMeta(messaging("page", events)).statusCode()).isEqualTo(200);

        try (TopicProbe topics = topics()) {
            // wait on Kafka, not on ServiceNow: reading the emulator would count as calls
            await().atMost(Duration.ofSeconds(30)).until(() -> topics.endOffset("socialwire.interactions") > 0 && topics.allDelivered());
            assertThat(topics.endOffset("socialwire.dlq")).isZero();
        }
        assertThat(faults.pending()).as("the failure was injected").isEmpty();
        long calls = traffic.calls("servicenow") - callsBefore;
        System.out.printf("10 incidents, one failed batch call: %d ServiceNow calls%n", calls);
        // one record at a time it would be 20 (a lookup and a create each, DMs may have a record); batches need fewer,
        // however the 10 arrive split across them and whatever the retried batch looks up again
        assertThat(calls).isBetween(2L, 9L);
        assertThat(hub.serviceNowTable("incident", "correlation_idSTARTSWITHmessenger:dm-" + run))
                .extracting(i -> i.path("correlation_id").asText()).doesNotHaveDuplicates().hasSize(10);
    }
}
