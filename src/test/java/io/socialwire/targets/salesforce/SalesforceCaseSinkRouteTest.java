package io.socialwire.targets.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.model.Author;
import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.sinks.SocialContext;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/salesforce-case-sink.kamelet.yaml: the salesforce: calls answered by the test as camel-salesforce
 * answers them (a raw query result, an upsert result); the mapper, SalesforceRecords and SalesforceLimits are real,
 * over a conversations mock that moves the conversation on as the real one does.
 */
class SalesforceCaseSinkRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    private final SalesforceQueries queries = spy(new SalesforceQueries(null, json));
    private final TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    /** Each call: the operation, the body and the headers it was given. */
    private final List<String> operations = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<Map<String, Object>> headers = new ArrayList<>();
    private CamelContext camel;
    /** What Salesforce answers: the records of the next queries, in order; whether an upsert created its Case. */
    private final List<String> queryRecords = new ArrayList<>();
    private boolean upsertCreates = true;
    private String limitInfo = "api-usage=10/15000";

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("caseMapper", new CaseMapper(json));
        camel.getRegistry().bind("salesforceRecords", new SalesforceRecords(conversations, queries));
        camel.getRegistry().bind("salesforceLimits", new SalesforceLimits(pacing, clock, 0.9, Duration.ofSeconds(1)));
        camel.getRegistry().bind("conversations", conversations);
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            e.getMessage().setHeader(Conversations.STATE_HEADER,
                    "x:1".equals(call.getArgument(4)) ? Conversations.RECORDED : Conversations.FOLLOW_UP);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, call.getArgument(3));
            return null;
        }).when(conversations).adopt(any(), anyString(), anyString(), anyString(), any());
        // configured as config/application.yaml does, so it starts without logging in; its calls are the test's
        SalesforceComponent salesforce = camel.getComponent("salesforce", SalesforceComponent.class);
        salesforce.setLoginUrl("http://salesforce.test");
        salesforce.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
        salesforce.setClientId("hub");
        salesforce.setClientSecret("not-a-real-secret");
        salesforce.setUserName("hub@example.test");
        salesforce.setPassword("not-a-real-password");
        salesforce.setLazyLogin(true);
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:case").to("kamelet:salesforce-case-sink?routeId=salesforce-case-sink"
                        + "&externalIdField=Social_Key__c");
            }
        });
        camel.start();
        AdviceWith.adviceWith(camel, "salesforce-case-sink", route -> {
            for (String operation : List.of("query", "upsertSObject", "createSObject")) {
                route.weaveByToString("to\\[salesforce:" + operation + "\\b.*").replace()
                        .process(e -> salesforce(operation, e));
            }
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationLooksForItsCaseThenUpsertsOneByTheConversationId() throws Exception {
        queryRecords.add("[]");

        Exchange done = send(Conversations.NEW, null, new Person(Person.CONTACT, "0031", "Ana Lopez", null));

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("query", "upsertSObject");
        assertThat(headers.get(0)).containsEntry("sObjectQuery",
                "SELECT Id, Description FROM Case WHERE Social_Key__c = 'x:1' LIMIT 1");
        assertThat(headers.get(1)).containsEntry("sObjectIdValue", "x:1");
        JsonNode fields = json.readTree(bodies.get(1));
        assertThat(fields.path("Subject").asText()).isEqualTo(SocialContext.subject(interaction()));
        assertThat(fields.path("Description").asText()).contains("Interaction:  x:1",
                "Known as:     Ana Lopez (Salesforce Contact 0031)");
        assertThat(fields.path("Origin").asText()).isEqualTo("X");
        assertThat(fields.path("Status").asText()).isEqualTo("New");
        assertThat(fields.path("Priority").asText()).isEqualTo("High");
        assertThat(fields.path("ContactId").asText()).isEqualTo("0031");
        verify(conversations).created(any(Exchange.class), eq("salesforce"), eq("Case"), eq("500B"));
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
        assertThat(done.getProperty("target")).isEqualTo("salesforce-case");
    }

    @Test
    void aCaseThisInteractionCreatedBeforeACrashIsAdoptedNotWrittenAgain() {
        queryRecords.add("[{\"Id\":\"500A\",\"Description\":" + quoted(SocialContext.block(interaction())) + "}]");

        Exchange done = send(Conversations.NEW, null, null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("query");
        verify(conversations).adopt(any(Exchange.class), eq("salesforce"), eq("Case"), eq("500A"), eq("x:1"));
        verify(conversations).recorded(any(Exchange.class));
        verify(conversations, never()).created(any(), any(), any(), any());
    }

    @Test
    void aCaseThatAppearedBetweenTheQueryAndTheUpsertIsLookedUpAndAdopted() throws Exception {
        queryRecords.add("[]");
        upsertCreates = false;
        // the upsert has just overwritten the Case's Description with this interaction's block
        doReturn(Optional.of(json.readTree("{\"Id\":\"500C\",\"Description\":"
                + quoted(SocialContext.block(interaction())) + "}")))
                .when(queries).first("SELECT Id, Description FROM Case WHERE Social_Key__c = 'x:1'");

        Exchange done = send(Conversations.NEW, null, null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("query", "upsertSObject");
        verify(conversations).adopt(any(Exchange.class), eq("salesforce"), eq("Case"), eq("500C"), eq("x:1"));
        verify(conversations, never()).created(any(), any(), any(), any());
    }

    @Test
    void aFollowUpLooksForItsCommentThenAddsIt() throws Exception {
        queryRecords.add("[]");

        Exchange done = send(Conversations.FOLLOW_UP, "500A", null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("query", "createSObject");
        assertThat(headers.get(0).get("sObjectQuery")).isEqualTo("SELECT Id FROM CaseComment WHERE ParentId = '500A'"
                + " AND CommentBody LIKE '%(socialwire:x:1)%' LIMIT 1");
        JsonNode comment = json.readTree(bodies.get(1));
        assertThat(comment.path("ParentId").asText()).isEqualTo("500A");
        assertThat(comment.path("CommentBody").asText()).isEqualTo(SocialContext.comment(interaction()));
        assertThat(comment.path("IsPublished").asBoolean()).isTrue();
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aFollowUpAlreadyCommentedIsNotAddedAgain() {
        queryRecords.add("[{\"Id\":\"00a1\"}]");

        Exchange done = send(Conversations.FOLLOW_UP, "500A", null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("query");
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void nearTheOrgsDailyLimitTheCallsAreSpacedOut() {
        queryRecords.add("[]");
        limitInfo = "api-usage=14000/15000";

        send(Conversations.NEW, null, null);

        assertThat(pacing.isPaused("salesforce")).isTrue();
    }

    private SocialInteraction interaction() {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, "https://x.com/ana/status/1", NOW,
                "my order never arrived", "en", new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(),
                null, new Enrichment("support", "complaint", new Sentiment(-0.6, "negative"), 1, "support-urgent"));
    }

    private String quoted(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Exchange send(String state, String recordId, Person person) {
        SocialInteraction interaction = interaction();
        return camel.createProducerTemplate().send("direct:case", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.setProperty(IdentityResolver.PERSON, person);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("interactionId", interaction.id());
            e.getMessage().setHeader(Conversations.CONVERSATION_ID_HEADER, interaction.conversationId());
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, recordId);
        });
    }

    /** camel-salesforce: a raw query result (rawPayload), an upsert's result, a created record's id. */
    private void salesforce(String operation, Exchange exchange) {
        operations.add(operation);
        bodies.add(exchange.getMessage().getBody(String.class));
        headers.add(new HashMap<>(exchange.getMessage().getHeaders()));
        exchange.getMessage().setHeader("Sforce-Limit-Info", limitInfo);
        switch (operation) {
            case "query" -> {
                String records = queryRecords.remove(0);
                exchange.getMessage().setBody(new ByteArrayInputStream(("{\"totalSize\":" + (records.equals("[]")
                        ? 0 : 1) + ",\"done\":true,\"records\":" + records + "}").getBytes(StandardCharsets.UTF_8)));
            }
            case "upsertSObject" -> {
                UpsertSObjectResult result = new UpsertSObjectResult();
                result.setCreated(upsertCreates);
                result.setId(upsertCreates ? "500B" : null);
                exchange.getMessage().setBody(result);
            }
            default -> exchange.getMessage().setBody("{\"id\":\"00a2\",\"success\":true,\"errors\":[]}");
        }
    }
}
