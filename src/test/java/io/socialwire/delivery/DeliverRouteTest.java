package io.socialwire.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatches;
import io.socialwire.dispatch.KafkaBatches;
import io.socialwire.enrichment.Enricher;
import io.socialwire.erasure.ErasureService;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.model.Enrichment;
import io.socialwire.model.InteractionJson;
import io.socialwire.model.SocialInteraction;
import io.socialwire.state.HubState;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * routes/deliver.camel.yaml: a lane (the template, as route deliver-support-0) and the contacts lane, each with its
 * Kafka consumer replaced by a direct: endpoint and camel-kafka by the mock component. The beans that reach
 * Salesforce, the state stores or the targets (identity, conversations, the lane batch, erasure) are mocks that say
 * what the route branches on: who the author is and where the conversation's record continues. The kamelets and
 * department routes are mocked.
 */
class DeliverRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final IdentityResolver identity = mock(IdentityResolver.class);
    private final Conversations conversations = mock(Conversations.class);
    private final LaneBatches laneBatches = mock(LaneBatches.class);
    private final ErasureService erasure = mock(ErasureService.class);
    /** The author of each interaction, by interaction id, as Salesforce would match them (none when absent). */
    private final Map<String, String> personTypes = new HashMap<>();
    /** Where each conversation's record continues (socialwire.targets), by conversation id; new when absent. */
    private final Map<String, String> continueWith = new HashMap<>();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.deliveries", "socialwire.deliveries",
                "socialwire.dispatch.group-id", "socialwire-dispatch",
                "socialwire.dispatch.group-instance-id", "test-dispatch",
                "socialwire.delivery.batch-size", "200", "socialwire.delivery.batch-wait-ms", "250"));
        doAnswer(call -> matchAuthor(call.getArgument(0))).when(identity).resolveOrDefer(any());
        doAnswer(call -> matchAuthor(call.getArgument(0))).when(identity).resolve(any(Exchange.class));
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            SocialInteraction interaction = e.getMessage().getBody(SocialInteraction.class);
            e.setProperty(Conversations.INTERACTION, interaction);
            e.getMessage().setHeader(Conversations.CONTINUE_HEADER, continueWith.get(interaction.conversationId()));
            return null;
        }).when(conversations).lookup(any());
        KafkaTopics topics = mock(KafkaTopics.class);
        when(topics.lane(anyString())).thenAnswer(call -> "socialwire.deliveries." + call.getArgument(0));
        camel.getRegistry().bind("kafkaBatches", new KafkaBatches());
        camel.getRegistry().bind("laneBatches", laneBatches);
        camel.getRegistry().bind("identity", identity);
        camel.getRegistry().bind("interactionJson", new InteractionJson(json));
        camel.getRegistry().bind("deliveryLanes", new DeliveryLanes(mock(HubState.class), topics, 1));
        camel.getRegistry().bind("erasure", erasure);
        camel.getRegistry().bind("conversations", conversations);
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // retries and dead-lettering are ErrorHandlingRouteTest's: here a failure fails the batch
                routeConfiguration("dispatch-errors").errorHandler(noErrorHandler());
            }
        });
        YamlRoutes.stubKamelets(camel, "servicenow-record-sink", "salesforce-contact-task-sink");
        YamlRoutes.mockKafka(camel);
        YamlRoutes.load(camel, "routes/deliver.camel.yaml");
        camel.addRouteFromTemplate("deliver-support-0", "deliver",
                Map.of("lane", "support", "topic", "socialwire.deliveries.support", "consumer", "0"));
        AdviceWith.adviceWith(camel, "deliver-support-0", route -> {
            route.replaceFromWith("direct:support-lane");
            route.mockEndpointsAndSkip("kamelet:*", "direct:department-*");
        });
        AdviceWith.adviceWith(camel, "deliver-contact-tasks", route -> route.replaceFromWith("direct:contacts-lane"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationGoesToItsDepartmentsRouteAndTheBatchIsFlushedThenCommitted() throws Exception {
        Exchange record = record(interaction("x:1", "x:1", "post", "support"), 4);

        Exchange done = deliver(List.of(record));

        assertThat(done.getException()).isNull();
        assertThat(endpoint("mock:direct:department-support").getExchanges()).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getBody(SocialInteraction.class).id()).isEqualTo("x:1");
            assertThat(e.getMessage().getHeader(Enricher.DEPARTMENT_HEADER)).isEqualTo("support");
            assertThat(e.getMessage().getHeader(Enricher.INTERACTION_ID_HEADER)).isEqualTo("x:1");
        });
        assertThat(endpoint("mock:kamelet:servicenow-record-sink").getExchanges()).isEmpty();
        assertThat(YamlRoutes.topic(camel, "socialwire.deliveries.contacts").getExchanges()).isEmpty();
        InOrder order = inOrder(laneBatches);
        order.verify(laneBatches).open(any());
        order.verify(laneBatches).record(any());
        order.verify(laneBatches).joinCreating(any());
        order.verify(laneBatches).flush(any());
        order.verify(laneBatches).afterWrites(any());
        verify(record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).commit();
    }

    @Test
    void aConversationThatHasItsRecordContinuesThereWhateverTheMessageIsAbout() throws Exception {
        continueWith.put("x:1", "kamelet:servicenow-record-sink?table=incident");

        Exchange done = deliver(List.of(record(interaction("x:2", "x:1", "reply", "sales"), 5)));

        assertThat(done.getException()).isNull();
        assertThat(endpoint("mock:kamelet:servicenow-record-sink").getExchanges()).singleElement().satisfies(e -> {
            // toD sends to the endpoint as normalised
            assertThat(e.getProperty(Exchange.INTERCEPTED_ENDPOINT))
                    .isEqualTo("kamelet://servicenow-record-sink?table=incident");
            assertThat(e.getMessage().getBody(SocialInteraction.class).id()).isEqualTo("x:2");
        });
        assertThat(endpoint("mock:direct:department-sales").getExchanges()).isEmpty();
    }

    @Test
    void aKnownContactsInteractionIsAlsoLoggedOnTheContactsLane() throws Exception {
        personTypes.put("x:3", "Contact");
        personTypes.put("x:4", IdentityResolver.UNRESOLVED);

        Exchange done = deliver(List.of(record(interaction("x:3", "x:3", "post", "support"), 6),
                record(interaction("x:4", "x:4", "post", "support"), 7),
                record(interaction("x:5", "x:5", "post", "support"), 8)));

        assertThat(done.getException()).isNull();
        MockEndpoint contacts = YamlRoutes.topic(camel, "socialwire.deliveries.contacts");
        assertThat(contacts.getExchanges()).as("a Contact and an author not matched yet, not the unknown author")
                .extracting(e -> json.readValue(e.getMessage().getBody(String.class), SocialInteraction.class).id())
                .containsExactly("x:3", "x:4");
        assertThat(contacts.getExchanges().get(0).getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("x:3");
        assertThat(endpoint("mock:direct:department-support").getExchanges()).hasSize(3);
    }

    @Test
    void aContactWhoseDepartmentLoggedTheTaskAlreadyIsNotLoggedTwice() throws Exception {
        personTypes.put("x:6", "Contact");
        endpoint("mock:direct:department-sales").whenAnyExchangeReceived(
                e -> e.setProperty("target", "salesforce-contact-task"));

        Exchange done = deliver(List.of(record(interaction("x:6", "x:6", "post", "sales"), 9)));

        assertThat(done.getException()).isNull();
        assertThat(endpoint("mock:direct:department-sales").getExchanges()).hasSize(1);
        assertThat(YamlRoutes.topic(camel, "socialwire.deliveries.contacts").getExchanges()).isEmpty();
    }

    @Test
    void aDeletedPostIsRedactedAndRoutedNowhere() throws Exception {
        Exchange done = deliver(List.of(record(new SocialInteraction("x:del:1", "x", "delete", "del:1", "x:1", "x:1",
                null, NOW, null, null, null, List.of(), null, null), 10)));

        assertThat(done.getException()).isNull();
        verify(erasure).redactDeleted(any(SocialInteraction.class));
        verifyNoInteractions(conversations);
        assertThat(endpoint("mock:direct:department-support").getExchanges()).isEmpty();
        assertThat(endpoint("mock:kamelet:servicenow-record-sink").getExchanges()).isEmpty();
    }

    @Test
    void theContactsLaneLogsATaskOnTheAuthorsContactOnlyWhenTheyAreOne() throws Exception {
        personTypes.put("x:7", "Contact");
        personTypes.put("x:8", "Lead");
        Exchange contact = record(interaction("x:7", "x:7", "post", "support"), 11);
        Exchange lead = record(interaction("x:8", "x:8", "post", "support"), 12);

        Exchange done = camel.createProducerTemplate().send("direct:contacts-lane",
                e -> e.getMessage().setBody(List.of(contact, lead)));

        assertThat(done.getException()).isNull();
        assertThat(endpoint("mock:kamelet:salesforce-contact-task-sink").getExchanges()).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getBody(SocialInteraction.class).id()).isEqualTo("x:7");
            assertThat(e.getProperty(Conversations.INTERACTION, SocialInteraction.class).id()).isEqualTo("x:7");
        });
        verify(laneBatches).flush(any());
        verify(lead.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).commit();
    }

    /** identity.resolve / resolveOrDefer: the personType header Salesforce's answer would give. */
    private Object matchAuthor(Exchange exchange) {
        String id = exchange.getMessage().getBody(SocialInteraction.class).id();
        exchange.getMessage().setHeader(IdentityResolver.PERSON_TYPE_HEADER, personTypes.getOrDefault(id, "none"));
        return null;
    }

    private Exchange deliver(List<Exchange> batch) {
        return camel.createProducerTemplate().send("direct:support-lane", e -> e.getMessage().setBody(batch));
    }

    private MockEndpoint endpoint(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    /** A lane record as camel-kafka's batching consumer gives it. */
    private Exchange record(SocialInteraction interaction, long offset) throws Exception {
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(json.writeValueAsString(interaction));
        record.getMessage().setHeader(KafkaConstants.KEY, interaction.conversationId());
        record.getMessage().setHeader(KafkaConstants.PARTITION, 0);
        record.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        record.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, mock(KafkaManualCommit.class));
        return record;
    }

    private static SocialInteraction interaction(String id, String conversationId, String kind, String department) {
        return new SocialInteraction(id, "x", kind, id.substring(2), conversationId, null, null, NOW, "post " + id,
                "en", null, List.of(), null, new Enrichment(department, "question", null, 3, department + "-rule"));
    }
}
