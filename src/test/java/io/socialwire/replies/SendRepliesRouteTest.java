package io.socialwire.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.conversation.ConversationIndex;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.dispatch.KafkaOffsets;
import io.socialwire.receipts.Receipts;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/replies/send-replies.camel.yaml on its own: the channel's kamelet, the note on the record and the
 * dead-letter route are mocks; how far each answer got is a map.
 */
class SendRepliesRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Map<String, ReplyProgress> progress = new HashMap<>();
    private final KafkaOffsets offsets = mock(KafkaOffsets.class);
    private CamelContext camel;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.replies", "socialwire.replies",
                "socialwire.dispatch.group-id", "socialwire-dispatch"));
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration("dispatch-errors").errorHandler(noErrorHandler());
            }
        });
        KeyedState<ReplyProgress> store = mock(KeyedState.class);
        when(store.get(anyString())).thenAnswer(call -> progress.get(call.getArgument(0, String.class)));
        doAnswer(call -> progress.put(call.getArgument(0), call.getArgument(1))).when(store)
                .putAndWait(anyString(), any());
        HubState state = mock(HubState.class);
        when(state.store(eq(StateTopology.REPLIES_SENT), any(), eq(ReplyProgress.class))).thenReturn(store);
        RepliesProperties properties = new RepliesProperties(
                Map.of("x", new RepliesProperties.Channel("mock:x-reply", "mock:x-find", "user:acme")),
                Map.of("servicenow", new RepliesProperties.Source(Duration.ofSeconds(5), "mock:note")), Map.of());
        camel.getRegistry().bind("replies", new Replies(mock(ConversationIndex.class), mock(Receipts.class), state,
                properties, json, new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)));
        camel.getRegistry().bind("kafkaOffsets", offsets);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead-letter").to("mock:dlq");
            }
        });
        YamlRoutes.load(camel, "routes/replies/send-replies.camel.yaml");
        AdviceWith.adviceWith(camel, "send-replies", route -> route.replaceFromWith("direct:replies"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anAnswerIsPostedNotedAndCommitted() throws Exception {
        MockEndpoint channel = answering(201, "https://x.com/i/web/status/9");
        MockEndpoint note = camel.getEndpoint("mock:note", MockEndpoint.class);
        note.expectedMessageCount(1);

        Exchange done = send(reply());

        channel.assertIsSatisfied();
        note.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(progress.get("servicenow:j1").state()).isEqualTo(ReplyProgress.NOTED);
        assertThat(progress.get("servicenow:j1").url()).isEqualTo("https://x.com/i/web/status/9");
        verify(offsets).commit(any());
        assertThat(camel.getEndpoint("mock:dlq", MockEndpoint.class).getReceivedCounter()).isZero();
    }

    @Test
    void anAnswerAlreadyNotedIsNotPostedAgain() throws Exception {
        progress.put("servicenow:j1", new ReplyProgress(ReplyProgress.NOTED, "https://x.com/i/web/status/9", null,
                NOW));
        MockEndpoint channel = camel.getEndpoint("mock:x-reply", MockEndpoint.class);
        channel.expectedMessageCount(0);

        send(reply());

        channel.assertIsSatisfied();
        assertThat(camel.getEndpoint("mock:note", MockEndpoint.class).getReceivedCounter()).isZero();
        verify(offsets).commit(any());
    }

    @Test
    void aRefusalIsNotedAndDeadLetteredWithTheAnswerItself() throws Exception {
        answering(403, null);
        MockEndpoint dlq = camel.getEndpoint("mock:dlq", MockEndpoint.class);
        dlq.expectedMessageCount(1);

        send(reply());

        dlq.assertIsSatisfied();
        Exchange dead = dlq.getReceivedExchanges().get(0);
        assertThat(json.readValue(dead.getMessage().getBody(String.class), Reply.class)).isEqualTo(reply());
        assertThat(dead.getProperty("target")).isEqualTo("x");
        assertThat(dead.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .hasMessageContaining("X refused the reply: HTTP 403 You are not permitted");
        assertThat(camel.getEndpoint("mock:note", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
        verify(offsets, never()).commit(any());
    }

    @Test
    void anAnswerACrashLeftMidPostIsLookedForAndNotPostedWhenFound() throws Exception {
        progress.put("servicenow:j1", new ReplyProgress(ReplyProgress.POSTING, null, null, NOW));
        MockEndpoint find = camel.getEndpoint("mock:x-find", MockEndpoint.class);
        find.whenAnyExchangeReceived(e -> e.getMessage().setHeader(Replies.URL_HEADER, "https://x.com/i/web/status/7"));
        MockEndpoint channel = camel.getEndpoint("mock:x-reply", MockEndpoint.class);
        channel.expectedMessageCount(0);

        send(reply());

        channel.assertIsSatisfied();
        assertThat(find.getReceivedCounter()).isEqualTo(1);
        assertThat(progress.get("servicenow:j1").url()).isEqualTo("https://x.com/i/web/status/7");
        assertThat(progress.get("servicenow:j1").state()).isEqualTo(ReplyProgress.NOTED);
    }

    private MockEndpoint answering(int status, String url) {
        MockEndpoint channel = camel.getEndpoint("mock:x-reply", MockEndpoint.class);
        channel.expectedMessageCount(1);
        channel.whenAnyExchangeReceived(e -> {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            e.getMessage().setHeader(Replies.URL_HEADER, url);
            e.getMessage().setBody(status < 300 ? "{\"data\":{\"id\":\"9\"}}"
                    : "{\"title\":\"Forbidden\",\"detail\":\"You are not permitted to reply\",\"status\":403}");
        });
        return channel;
    }

    private Exchange send(Reply reply) throws Exception {
        String body = json.writeValueAsString(reply);
        return camel.createProducerTemplate().send("direct:replies", e -> e.getMessage().setBody(body));
    }

    private static Reply reply() {
        return new Reply("servicenow:j1", "servicenow", "incident", "sys1", "c1", "We re-sent it.", "beth",
                NOW.minusSeconds(4), new ThreadRecord.ReplyTo("x", "mention", "19", "77", "ana", "x:19"));
    }
}
