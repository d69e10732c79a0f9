package io.socialwire.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.delivery.DeliveryLanes;
import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.erasure.ErasureService;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.model.InteractionJson;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.RoutingRulesSource;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

/**
 * routes/dispatch.camel.yaml with its Kafka consumer replaced by direct:dispatch (a polled batch is sent as camel-kafka
 * gives it) and the lanes' producer answered by the test: each interaction enriched with the real rules
 * (config/routing.yaml), handed to its conversation's lane in consumed order, then the batch committed. The lanes'
 * store is a map; the lane consumers are stub routes.
 */
class DispatchRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SALES = "What is your pricing for 50 seats? Could we get a demo?";
    private static final String COMPLAINT = "My order arrived broken and nobody answers. Terrible service!";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The lanes state store: conversation id -> lane. */
    private final Map<String, String> lanes = new ConcurrentHashMap<>();
    /** The traces state store's writes: interaction id -> trace, as JSON. */
    private final Map<String, com.fasterxml.jackson.databind.JsonNode> traced = new ConcurrentHashMap<>();
    /** For each trace written: whether it joined the batch's deferred acknowledgements. */
    private final List<Boolean> tracedInBatch = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ErasureService erasure = mock(ErasureService.class);
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    /** Each call of the lanes' Kafka producer: the records it was given. */
    private final List<List<Message>> handedOver = new ArrayList<>();
    private final RoutingRulesSource rules = new RoutingRulesSource(new FileSystemResource("config/routing.yaml"));
    private String producerUri;
    private CamelContext camel;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.interactions", "socialwire.interactions",
                "socialwire.topics.deliveries", "socialwire.deliveries"));
        KeyedState<String> laneStore = mock(KeyedState.class);
        when(laneStore.get(anyString())).thenAnswer(call -> lanes.get(call.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(call -> lanes.put(call.getArgument(0), call.getArgument(1))).when(laneStore)
                .put(anyString(), anyString());
        HubState state = mock(HubState.class);
        when(state.store(StateTopology.LANES)).thenReturn(laneStore);
        KeyedState<Object> traceStore = mock(KeyedState.class);
        org.mockito.Mockito.doAnswer(call -> {
            traced.put(call.getArgument(0), json.valueToTree(call.getArgument(1)));
            tracedInBatch.add(io.socialwire.kafka.DeferredAcks.current() != null);
            return null;
        }).when(traceStore).put(anyString(), any());
        when(state.store(org.mockito.ArgumentMatchers.eq(StateTopology.TRACES), any(ObjectMapper.class),
                any(Class.class))).thenReturn(traceStore);
        KafkaTopics topics = mock(KafkaTopics.class);
        when(topics.lane(anyString())).thenAnswer(call -> "socialwire.deliveries." + call.getArgument(0));
        DeliveryLanes deliveryLanes = new DeliveryLanes(state, topics, 1);
        deliveryLanes.beforeApplicationStart(camel);
        camel.getRegistry().bind("kafkaBatches", new KafkaBatches());
        camel.getRegistry().bind("deliveryLanes", deliveryLanes);
        camel.getRegistry().bind("interactionJson", new InteractionJson(json));
        camel.getRegistry().bind("enricher", new Enricher(new LanguageDetection(List.of("en", "de"), false),
                new SentimentScoring(), new io.socialwire.routing.Router(rules, io.socialwire.support.ProjectRouting.classifier())));
        camel.getRegistry().bind("erasure", erasure);
        camel.getRegistry().bind("traces", new io.socialwire.trace.Traces(state, json,
                java.time.Clock.fixed(NOW.plusSeconds(2), java.time.ZoneOffset.UTC), metrics, java.time.Duration.ofDays(30)));
        camel.getRegistry().bind("echoes", new io.socialwire.replies.Echoes(new io.socialwire.replies.RepliesProperties(
                Map.of(), Map.of(), Map.of("x", List.of("1000"))), metrics));
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // retries and dead-lettering are ErrorHandlingRouteTest's: here a failure fails the batch
                routeConfiguration("dispatch-errors").errorHandler(noErrorHandler());
            }
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a lane's consumers (routes/deliver.camel.yaml), started as dispatch first needs the lane
                routeTemplate("deliver").templateParameter("lane").templateParameter("topic")
                        .templateParameter("consumer").from("direct:{{topic}}-{{consumer}}").stop();
            }
        });
        YamlRoutes.load(camel, "routes/dispatch.camel.yaml");
        AdviceWith.adviceWith(camel, "dispatch", route -> {
            route.replaceFromWith("direct:dispatch");
            producerUri = ProcessorDefinitionHelper.filterTypeInOutputs(route.getOriginalRoute().getOutputs(),
                    ToDefinition.class).iterator().next().getEndpointUri();
            route.weaveByToUri("kafka:*").replace()
                    .process(e -> handedOver.add(List.copyOf(e.getMessage().getBody(List.class))));
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        rules.destroy();
    }

    @Test
    void aBatchIsEnrichedAndHandedToItsConversationsLanesInConsumedOrderThenCommitted() throws Exception {
        lanes.put("x:30", "sales");
        List<Exchange> batch = List.of(
                record(interaction("x:10", "x:10", "post", SALES), 0, 5),
                record(interaction("x:20", "x:20", "post", COMPLAINT), 0, 6),
                // a complaint in a conversation that has its lane already stays in that lane
                record(interaction("x:31", "x:30", "reply", COMPLAINT), 1, 9));

        Exchange done = dispatch(batch);

        assertThat(done.getException()).isNull();
        assertThat(handedOver).hasSize(1);
        List<Message> records = handedOver.get(0);
        assertThat(records).extracting(m -> m.getHeader(KafkaConstants.OVERRIDE_TOPIC))
                .containsExactly("socialwire.deliveries.sales", "socialwire.deliveries.support",
                        "socialwire.deliveries.sales");
        assertThat(records).extracting(m -> m.getHeader(KafkaConstants.KEY)).containsExactly("x:10", "x:20", "x:30");
        assertThat(records).extracting(m -> m.getHeader(Enricher.DEPARTMENT_HEADER))
                .containsExactly("sales", "support", "support");
        assertThat(records.get(0).getHeaders()).doesNotContainKeys(KafkaConstants.PARTITION, KafkaConstants.OFFSET,
                KafkaConstants.TOPIC);
        SocialInteraction enriched = json.readValue(records.get(1).getBody(String.class), SocialInteraction.class);
        assertThat(enriched.id()).isEqualTo("x:20");
        assertThat(enriched.enrichment().department()).isEqualTo("support");
        assertThat(enriched.enrichment().matchedRule()).isEqualTo("classifier");
        assertThat(enriched.enrichment().intent()).isIn("delivery", "defect", "complaint");
        assertThat(enriched.enrichment().sentiment().label()).isEqualTo("negative");
        assertThat(producerUri).isEqualTo(
                "kafka:{{socialwire.topics.deliveries}}.contacts?batchWithIndividualHeaders=true");
        assertThat(lanes).containsEntry("x:10", "sales").containsEntry("x:20", "support").containsEntry("x:30", "sales");
        assertThat(camel.getRoute("deliver-sales-0")).as("the lane's consumer started").isNotNull();
        assertThat(camel.getRoute("deliver-support-0")).isNotNull();
        // the last offset of each partition
        verify(batch.get(0).getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class), never())
                .commit();
        verify(batch.get(1).getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).commit();
        verify(batch.get(2).getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).commit();
    }

    @Test
    void eachInteractionsTraceIsWrittenOnceWithTheBatchKafkaPositionDecisionAndLane() throws Exception {
        lanes.put("x:30", "sales");
        List<Exchange> batch = List.of(
                record(interaction("x:10", "x:10", "post", SALES), 0, 5),
                record(interaction("x:31", "x:30", "reply", COMPLAINT), 1, 9));
        batch.get(0).getMessage().setHeader("socialwire_received_via", "generic-webhook".getBytes());

        Exchange done = dispatch(batch);

        assertThat(done.getException()).isNull();
        assertThat(traced).containsOnlyKeys("x:10", "x:31");
        assertThat(tracedInBatch).as("acknowledged with the batch, before its commit").containsExactly(true, true);
        var sales = traced.get("x:10");
        assertThat(sales.path("conversationId").asText()).isEqualTo("x:10");
        assertThat(sales.path("channel").asText()).isEqualTo("x");
        assertThat(sales.path("kind").asText()).isEqualTo("post");
        assertThat(sales.path("via").asText()).isEqualTo("generic-webhook");
        assertThat(sales.path("receivedAt").asText()).isEqualTo(NOW.toString());
        assertThat(sales.path("kafka").path("topic").asText()).isEqualTo("socialwire.interactions");
        assertThat(sales.path("kafka").path("partition").asInt()).isZero();
        assertThat(sales.path("kafka").path("offset").asLong()).isEqualTo(5);
        var decision = sales.path("decision");
        assertThat(decision.path("at").asText()).isEqualTo(NOW.plusSeconds(2).toString());
        assertThat(decision.path("language").asText()).isEqualTo("en");
        assertThat(decision.path("department").asText()).isEqualTo("sales");
        assertThat(decision.path("rule").asText()).isEqualTo("classifier");
        assertThat(decision.path("lowConfidence").asBoolean()).isFalse();
        assertThat(decision.path("classifier").path("department").asText()).isEqualTo("sales");
        assertThat(decision.path("classifier").path("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(decision.path("conditions").get(0).asText()).startsWith("the classifier: sales");
        assertThat(decision.path("lane").asText()).isEqualTo("sales");
        assertThat(decision.path("priority").isInt()).isTrue();
        // a support complaint in a conversation that has a lane: decided support, goes in the sales lane
        var followUp = traced.get("x:31").path("decision");
        assertThat(followUp.path("department").asText()).isEqualTo("support");
        assertThat(followUp.path("lane").asText()).isEqualTo("sales");
        assertThat(followUp.path("sentiment").path("label").asText()).isEqualTo("negative");
        assertThat(traced.get("x:31").path("kafka").path("offset").asLong()).isEqualTo(9);
        assertThat(metrics.counter("socialwire.interactions.dispatched").count()).isEqualTo(2);
    }

    @Test
    void theBrandsOwnAnswerComingBackIsDroppedNotRecorded() throws Exception {
        SocialInteraction customer = interaction("x:40", "x:40", "mention", COMPLAINT);
        SocialInteraction brand = new SocialInteraction("x:41", "x", "reply", "41", "x:40", "40", null, NOW,
                "Sorry! We re-sent it today.", "en", new io.socialwire.model.Author("1000", "acme", "Acme", null, null,
                null), List.of(), null, null);

        Exchange done = dispatch(List.of(record(customer, 0, 3), record(brand, 0, 4)));

        assertThat(done.getException()).isNull();
        assertThat(handedOver).singleElement().satisfies(records -> assertThat(records)
                .extracting(m -> m.getHeader(KafkaConstants.KEY)).containsExactly("x:40"));
        assertThat(metrics.counter("socialwire_echoes_total", "channel", "x").count()).isEqualTo(1);
    }

    @Test
    void theDeletionOfAPostNoLaneHasSeenIsRedactedWhereverItWasCopiedAndHandsNothingOver() throws Exception {
        Exchange deletion = record(interaction("x:del:77", "x:77", "delete", null, "x:77"), 0, 7);

        Exchange done = dispatch(List.of(deletion));

        assertThat(done.getException()).isNull();
        verify(erasure).redactDeleted(any(SocialInteraction.class));
        assertThat(handedOver).as("no empty batch sent").isEmpty();
        verify(deletion.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).commit();
    }

    @Test
    void theDeletionOfAPostInALaneGoesThroughThatLaneAfterWhatIsQueuedThere() throws Exception {
        lanes.put("x:77", "sales");

        Exchange done = dispatch(List.of(record(interaction("x:del:77", "x:77", "delete", null, "x:77"), 0, 7)));

        assertThat(done.getException()).isNull();
        verifyNoInteractions(erasure);
        assertThat(handedOver).singleElement().satisfies(records -> {
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("socialwire.deliveries.sales");
                assertThat(record.getHeader(Enricher.DEPARTMENT_HEADER)).as("not enriched").isNull();
            });
        });
    }

    @Test
    void aRecordThatFailsFailsTheBatchBeforeAnythingIsHandedOverOrCommitted() throws Exception {
        Exchange good = record(interaction("x:10", "x:10", "post", SALES), 0, 5);
        Exchange unreadable = new DefaultExchange(camel);
        unreadable.getMessage().setBody("{\"id\": ");
        unreadable.getMessage().setHeader(KafkaConstants.PARTITION, 0);
        unreadable.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, mock(KafkaManualCommit.class));

        Exchange done = dispatch(List.of(good, unreadable));

        assertThat(done.getException()).isNotNull();
        assertThat(handedOver).isEmpty();
        verify(good.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class), never()).commit();
    }

    private Exchange dispatch(List<Exchange> batch) {
        return camel.createProducerTemplate().send("direct:dispatch", e -> e.getMessage().setBody(batch));
    }

    /** A record as camel-kafka's batching consumer gives it: the JSON, its key, position and commit handle. */
    private Exchange record(SocialInteraction interaction, int partition, long offset) throws Exception {
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(json.writeValueAsString(interaction));
        record.getMessage().setHeader(KafkaConstants.KEY, interaction.conversationId());
        record.getMessage().setHeader(KafkaConstants.TOPIC, "socialwire.interactions");
        record.getMessage().setHeader(KafkaConstants.PARTITION, partition);
        record.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        record.getMessage().setHeader(KafkaConstants.TIMESTAMP, NOW.toEpochMilli());
        record.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, mock(KafkaManualCommit.class));
        return record;
    }

    private static SocialInteraction interaction(String id, String conversationId, String kind, String text) {
        return interaction(id, conversationId, kind, text, null);
    }

    private static SocialInteraction interaction(String id, String conversationId, String kind, String text,
                                                 String inReplyToId) {
        return new SocialInteraction(id, "x", kind, id.substring(2), conversationId, inReplyToId, null, NOW, text,
                text == null ? null : "en", null, List.of(), null, null);
    }
}
