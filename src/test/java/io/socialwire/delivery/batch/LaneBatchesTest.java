package io.socialwire.delivery.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.DeliveryMetrics;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.dispatch.Failures;
import io.socialwire.dispatch.KafkaBatches;
import io.socialwire.dispatch.KafkaOffsets;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import io.socialwire.targets.Targets;
import io.socialwire.targets.TargetsProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The flush of a lane batch (LaneBatches.flush) as a lane runs it: a step under the dispatch-errors route
 * configuration of routes/common/error-handling.camel.yaml, whose retry calls it again with the same batch. The
 * system's batch-write route is a stand-in that writes every record it is given, as ServiceNow's does.
 */
class LaneBatchesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** The records the stand-in target created, by interaction id, one per call. */
    private final List<List<String>> calls = new ArrayList<>();
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.plainContext(Map.of("socialwire.topics.dlq", "socialwire.dlq",
                "socialwire.dispatch.retries", "2", "socialwire.dispatch.retry-delay-ms", "1"));
        Targets targets = mock(Targets.class);
        when(targets.batchWriteWith("servicenow")).thenReturn("direct:servicenow-batch-write");
        Failures failures = new Failures(new Targets(new TargetsProperties(Map.of(), Map.of()),
                new MockEnvironment()));
        camel.getRegistry().bind("failures", failures);
        camel.getRegistry().bind("deadLetters", new DeadLetters(java.time.Clock.systemUTC(),
                new DeliveryMetrics(new SimpleMeterRegistry(), java.time.Clock.systemUTC())));
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.getRegistry().bind("laneBatches", new LaneBatches(targets, mock(InFlightBatches.class),
                camel.createProducerTemplate(), mock(Conversations.class), failures));
        YamlRoutes.mockKafka(camel);
        YamlRoutes.load(camel, "routes/common/error-handling.camel.yaml");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flush").routeConfigurationId("dispatch-errors").bean("laneBatches", "flush");
                // as routes/targets/servicenow.camel.yaml: its caller handles its failures
                from("direct:servicenow-batch-write").errorHandler(noErrorHandler()).process(e -> {
                    @SuppressWarnings("unchecked")
                    List<Write> writes = e.getMessage().getBody(List.class);
                    calls.add(writes.stream().map(w -> w.interaction().id()).toList());
                    for (Write w : writes) {
                        w.written("sys-" + w.interaction().id(), w.creates());
                    }
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /**
     * ScaleOutIT once left a created incident without its receipt: the record was written, then publishing the
     * receipt failed (the receipts partition's owner had just been killed and did not answer within the query
     * timeout), and the retry of the flush took the write for done. The retry must publish the receipt, without
     * writing the record again.
     */
    @Test
    void aRecordWrittenWhoseReceiptFailedGetsItsReceiptOnTheRetryAndIsNotWrittenAgain() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> receipts = new ArrayList<>();
        LaneBatch batch = new LaneBatch(false);
        Write created = batch.add(new Write("servicenow", "batch", true, record("facebook:scale-c252-0"),
                "incident", null, Map.of("short_description", "broken"), null, null, w -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("The owner of 1 key(s) of the state store receipts did not"
                                + " answer within PT30S: partitions moving");
                    }
                    receipts.add(w.interaction().id() + " created " + w.writtenId());
                }));

        Exchange done = flush(batch);

        assertThat(done.getException()).isNull();
        assertThat(receipts).containsExactly("facebook:scale-c252-0 created sys-facebook:scale-c252-0");
        assertThat(calls).as("the record is created once").containsExactly(List.of("facebook:scale-c252-0"));
        assertThat(created.isDone()).isTrue();
    }

    /** A follow-up of a record created in the batch waits until the record's own receipt and index are done. */
    @Test
    void aFollowUpWaitsForItsRecordsReceiptAndIsWrittenOnceOnTheRetry() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> receipts = new ArrayList<>();
        LaneBatch batch = new LaneBatch(false);
        Write created = batch.add(new Write("servicenow", "batch", true, record("facebook:c1-0"), "incident", null,
                Map.of(), null, null, w -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("the receipts store did not answer");
                    }
                    receipts.add(w.interaction().id());
                }));
        batch.add(new Write("servicenow", "batch", false, record("facebook:c1-1"), "incident", null, Map.of(), null,
                created, w -> receipts.add(w.interaction().id() + " on " + w.targetRecordId())));

        Exchange done = flush(batch);

        assertThat(done.getException()).isNull();
        assertThat(receipts).containsExactly("facebook:c1-0", "facebook:c1-1 on sys-facebook:c1-0");
        assertThat(calls).containsExactly(List.of("facebook:c1-0"), List.of("facebook:c1-1"));
    }

    private Exchange flush(LaneBatch batch) {
        return producer.send("direct:flush", e -> {
            e.setProperty(LaneBatch.PROPERTY, batch);
            e.setProperty(KafkaBatches.CONSUMED, List.of());
        });
    }

    private Exchange record(String interactionId) {
        Exchange record = new DefaultExchange(camel);
        String conversationId = interactionId.substring(0, interactionId.lastIndexOf('-'));
        record.setProperty(Conversations.INTERACTION, new SocialInteraction(interactionId, "facebook", "post",
                interactionId, conversationId, null, null, NOW, "my order is broken", "en", null, List.of(), null,
                null));
        return record;
    }
}
