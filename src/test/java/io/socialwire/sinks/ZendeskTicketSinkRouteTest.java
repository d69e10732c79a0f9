package io.socialwire.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.model.Author;
import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.sinks.http.HttpTargets;
import io.socialwire.sinks.http.JsonTemplates;
import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.Ticket;

/**
 * routes/kamelets/zendesk-ticket-sink.kamelet.yaml: each camel-zendesk call replaced by the test, answering with the
 * client's model objects as the component would; the conversations bean is a mock that moves the conversation on as
 * the real one does.
 */
class ZendeskTicketSinkRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String TOKEN = "not-a-real-token";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    /** Each operation called, with the exchange's body and headers at the call. */
    private final List<String> operations = new ArrayList<>();
    private final List<Object> bodies = new ArrayList<>();
    private final List<Map<String, Object>> headers = new ArrayList<>();
    private CamelContext camel;
    /** What Zendesk holds: the tickets with this external id, the comments of ticket 42. */
    private List<Ticket> ticketsByExternalId = List.of();
    private List<Comment> comments = List.of();
    /** When set, every call fails as camel-zendesk fails on an error answer. */
    private Integer failWith;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("targetPacing", new TargetPacing(clock, Duration.ofSeconds(30)));
        camel.getRegistry().bind("jsonTemplates", new JsonTemplates(json));
        camel.getRegistry().bind("httpTargets", new HttpTargets(clock));
        camel.getRegistry().bind("conversations", conversations);
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            String createdBy = call.getArgument(4);
            e.getMessage().setHeader(Conversations.STATE_HEADER,
                    e.getMessage().getHeader("interactionId").equals(createdBy) ? Conversations.RECORDED
                            : Conversations.FOLLOW_UP);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, call.getArgument(3));
            return null;
        }).when(conversations).adopt(any(), anyString(), anyString(), anyString(), any());
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:zendesk").to("kamelet:zendesk-ticket-sink?routeId=zendesk-ticket-sink"
                        + "&url=http://zendesk.test&email=bot@example.test&apiToken=RAW(" + TOKEN + ")");
            }
        });
        camel.start();
        AdviceWith.adviceWith(camel, "zendesk-ticket-sink", route -> {
            for (String operation : List.of("getTicketsByExternalId", "createTicket", "getTicketComments",
                    "createComment")) {
                route.weaveByToString("to\\[zendesk:DEFAULT/" + operation + "\\?.*").replace()
                        .process(e -> zendesk(operation, e));
            }
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationLooksForItsTicketThenCreatesIt() {
        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("getTicketsByExternalId", "createTicket");
        assertThat(headers.get(0)).containsEntry("CamelZendesk.externalId", "x:1");
        Ticket ticket = (Ticket) bodies.get(1);
        assertThat(ticket.getExternalId()).isEqualTo("x:1");
        assertThat(ticket.getTags()).containsExactly("socialwire", "channel_x", "department_support");
        assertThat(ticket.getRequester().getName()).isEqualTo("@ana on x");
        assertThat(ticket.getSubject()).isEqualTo(SocialContext.summary(interaction()));
        assertThat(ticket.getComment().isPublic()).isFalse();
        assertThat(ticket.getComment().getBody()).isEqualTo(SocialContext.block(interaction()))
                .contains("Interaction:  x:1", "my order never arrived");
        verify(conversations).created(any(Exchange.class), eq("zendesk"), eq("ticket"), eq("42"));
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
        assertThat(done.getProperty("target")).isEqualTo("zendesk-ticket");
    }

    @Test
    void aTicketThisInteractionCreatedBeforeACrashIsAdoptedNotCreatedAgain() {
        ticketsByExternalId = List.of(ticket(41L, SocialContext.block(interaction())));

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("getTicketsByExternalId");
        verify(conversations).adopt(any(Exchange.class), eq("zendesk"), eq("ticket"), eq("41"), eq("x:1"));
        verify(conversations).recorded(any(Exchange.class));
        verify(conversations, never()).created(any(), any(), any(), any());
    }

    @Test
    void aTicketAnotherInteractionCreatedIsAdoptedAndThisOneCommentsOnIt() {
        ticketsByExternalId = List.of(ticket(41L, "Social interaction received by Socialwire\nInteraction:  x:0\n"));

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        verify(conversations).adopt(any(Exchange.class), eq("zendesk"), eq("ticket"), eq("41"), eq(null));
        assertThat(operations).containsExactly("getTicketsByExternalId", "getTicketComments", "createComment");
        assertThat(headers.get(1)).containsEntry("CamelZendesk.id", 41L);
        assertThat(headers.get(2)).containsEntry("CamelZendesk.ticketId", 41L);
        verify(conversations).commented(any(Exchange.class));
        verify(conversations, never()).created(any(), any(), any(), any());
    }

    @Test
    void aFollowUpReadsTheCommentsThenAddsAPrivateOne() {
        comments = List.of(new Comment("an agent's answer"));

        Exchange done = send(Conversations.FOLLOW_UP, "42");

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("getTicketComments", "createComment");
        assertThat(headers.get(0).get("CamelZendesk.id")).isInstanceOf(Long.class).isEqualTo(42L);
        assertThat(headers.get(1).get("CamelZendesk.ticketId")).isInstanceOf(Long.class).isEqualTo(42L);
        Comment comment = (Comment) bodies.get(1);
        assertThat(comment.getBody()).isEqualTo(SocialContext.comment(interaction()))
                .endsWith(SocialContext.marker("x:1"));
        assertThat(comment.isPublic()).isFalse();
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aFollowUpAlreadyCommentedIsNotAddedAgain() {
        comments = List.of(new Comment("an agent's answer"), new Comment(SocialContext.comment(interaction())));

        Exchange done = send(Conversations.FOLLOW_UP, "42");

        assertThat(done.getException()).isNull();
        assertThat(operations).containsExactly("getTicketComments");
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aFailureGoesOnAsTheStatusOnlyNeverTheToken() {
        failWith = 422;

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isInstanceOf(TargetRefusedException.class)
                .hasMessage("Zendesk answered HTTP 422");
        assertThat(((TargetRefusedException) done.getException()).status()).isEqualTo(422);
        assertThat(done.getException().getMessage()).doesNotContain(TOKEN);
        verify(conversations, never()).created(any(), any(), any(), any());
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
    }

    private SocialInteraction interaction() {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, "https://x.com/ana/status/1", NOW,
                "my order never arrived", "en", new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(),
                null, new Enrichment("support", "complaint", new Sentiment(-0.6, "negative"), 2, "support-default"));
    }

    private static Ticket ticket(long id, String description) {
        Ticket ticket = new Ticket();
        ticket.setId(id);
        ticket.setExternalId("x:1");
        ticket.setDescription(description);
        return ticket;
    }

    private Exchange send(String state, String recordId) {
        SocialInteraction interaction = interaction();
        ThreadRecord thread = recordId == null ? null
                : new ThreadRecord("x:1", "zendesk", "ticket", recordId, null, "x:0", NOW);
        return camel.createProducerTemplate().send("direct:zendesk", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.setProperty("thread", thread);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("interactionId", interaction.id());
            e.getMessage().setHeader(Conversations.CONVERSATION_ID_HEADER, interaction.conversationId());
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, recordId);
        });
    }

    /** Zendesk through camel-zendesk: each operation's answer as the client's model, a failure as the component's. */
    private void zendesk(String operation, Exchange exchange) {
        operations.add(operation);
        bodies.add(exchange.getMessage().getBody());
        headers.add(new HashMap<>(exchange.getMessage().getHeaders()));
        if (failWith != null) {
            // camel-zendesk names the call's arguments, its configuration with the token included, in its message
            throw new RuntimeCamelException("Error invoking " + operation + " with {serverUrl=http://zendesk.test,"
                    + " token=" + TOKEN + "}", new ZendeskResponseException(failWith, "Unprocessable Entity",
                    "{\"error\":\"RecordInvalid\"}"));
        }
        switch (operation) {
            case "getTicketsByExternalId" -> exchange.getMessage().setBody(ticketsByExternalId);
            case "createTicket" -> {
                Ticket created = exchange.getMessage().getBody(Ticket.class);
                created.setId(42L);
                exchange.getMessage().setBody(created);
            }
            case "getTicketComments" -> exchange.getMessage().setBody(comments);
            default -> exchange.getMessage().setBody(exchange.getMessage().getBody(Comment.class));
        }
    }
}
