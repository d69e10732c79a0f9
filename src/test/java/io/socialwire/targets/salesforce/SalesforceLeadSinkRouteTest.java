package io.socialwire.targets.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialwire.conversation.Conversations;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/salesforce-lead-sink.kamelet.yaml: an author who is a Lead already gets the conversation on that
 * Lead; otherwise a new conversation asks the lane batch for a Lead, a follow-up for a Task. The writes are mocks;
 * SalesforceRecords is real, over a conversations mock that moves the conversation on as the real one does.
 */
class SalesforceLeadSinkRouteTest {

    private final SalesforceWrites writes = mock(SalesforceWrites.class);
    private final Conversations conversations = mock(Conversations.class);
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("salesforceWrites", writes);
        camel.getRegistry().bind("salesforceRecords",
                new SalesforceRecords(conversations, mock(SalesforceQueries.class)));
        camel.getRegistry().bind("conversations", conversations);
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            e.getMessage().setHeader(Conversations.STATE_HEADER,
                    "x:1".equals(call.getArgument(4)) ? Conversations.RECORDED : Conversations.FOLLOW_UP);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, call.getArgument(3));
            return null;
        }).when(conversations).adopt(any(), anyString(), anyString(), anyString(), any());
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sales").to("kamelet:salesforce-lead-sink?routeId=salesforce-lead-sink"
                        + "&externalIdField=Social_Key__c&taskExternalIdField=Social_Task_Key__c");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationOfAnUnknownAuthorAsksForALead() {
        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty("target")).isEqualTo("salesforce-lead");
        verify(writes).lead(any(Exchange.class), eq("Social_Key__c"), eq("Social_Task_Key__c"));
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
    }

    @Test
    void anAuthorWhoIsALeadAlreadyGetsATaskOnThatLead() {
        Exchange done = send(Conversations.NEW, new Person(Person.LEAD, "00Q1", "Ana Lopez", "x:0"));

        assertThat(done.getException()).isNull();
        verify(conversations).adopt(any(Exchange.class), eq("salesforce"), eq("Lead"), eq("00Q1"), eq("x:0"));
        verify(writes).followUp(any(Exchange.class), eq("Social_Task_Key__c"));
        verify(writes, never()).lead(any(), any(), any());
    }

    @Test
    void aLeadThisInteractionCreatedBeforeACrashIsRecordedNotWrittenAgain() {
        Exchange done = send(Conversations.NEW, new Person(Person.LEAD, "00Q1", "Ana Lopez", "x:1"));

        assertThat(done.getException()).isNull();
        verify(conversations).adopt(any(Exchange.class), eq("salesforce"), eq("Lead"), eq("00Q1"), eq("x:1"));
        verify(conversations).recorded(any(Exchange.class));
        verifyNoInteractions(writes);
    }

    @Test
    void aContactIsNotTakenForALead() {
        Exchange done = send(Conversations.NEW, new Person(Person.CONTACT, "0031", "Ana Lopez", null));

        assertThat(done.getException()).isNull();
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
        verify(writes).lead(any(Exchange.class), eq("Social_Key__c"), eq("Social_Task_Key__c"));
    }

    @Test
    void aFollowUpAsksForATask() {
        Exchange done = send(Conversations.FOLLOW_UP, null);

        assertThat(done.getException()).isNull();
        verify(writes).followUp(any(Exchange.class), eq("Social_Task_Key__c"));
        verify(writes, never()).lead(any(), any(), any());
    }

    @Test
    void aRedeliveredFirstInteractionIsRecordedAgain() {
        Exchange done = send(Conversations.RECORDED, null);

        assertThat(done.getException()).isNull();
        verify(conversations).recorded(any(Exchange.class));
        verifyNoInteractions(writes);
    }

    private Exchange send(String state, Person person) {
        SocialInteraction interaction = new SocialInteraction("x:1", "x", "post", "1", "x:1", null,
                "https://x.com/ana/status/1", Instant.parse("2026-12-03T10:00:00Z"), "pricing for 50 seats?", "en",
                new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null);
        return camel.createProducerTemplate().send("direct:sales", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.setProperty(IdentityResolver.PERSON, person);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
            if (person != null) {
                e.getMessage().setHeader("personType", person.type());
                e.getMessage().setHeader("personId", person.id());
            }
        });
    }
}
