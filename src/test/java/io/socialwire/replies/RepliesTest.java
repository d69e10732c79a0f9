package io.socialwire.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socialwire.conversation.ConversationIndex;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepliesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final ThreadRecord.ReplyTo TWEET = new ThreadRecord.ReplyTo("x", "mention", "1900000000000000001",
            "77", "ana", null);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Map<String, ReplyProgress> stored = new HashMap<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final HubState state = mock(HubState.class);
    private final ConversationIndex index = mock(ConversationIndex.class);
    private final io.socialwire.receipts.Receipts receipts = mock(io.socialwire.receipts.Receipts.class);
    private Replies replies;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        KeyedState<ReplyProgress> progress = mock(KeyedState.class);
        when(progress.get(anyString())).thenAnswer(call -> stored.get(call.getArgument(0, String.class)));
        doAnswer(call -> stored.put(call.getArgument(0), call.getArgument(1))).when(progress)
                .putAndWait(anyString(), any());
        doAnswer(call -> stored.remove(call.getArgument(0, String.class))).when(progress).remove(anyString());
        when(state.store(eq(StateTopology.REPLIES_SENT), any(), eq(ReplyProgress.class))).thenReturn(progress);
        RepliesProperties properties = new RepliesProperties(
                Map.of("x", new RepliesProperties.Channel("kamelet:x-reply-sink", null, "user:acme"),
                        "linkedin", new RepliesProperties.Channel("kamelet:linkedin-reply-sink", null, "")),
                Map.of("servicenow", new RepliesProperties.Source(java.time.Duration.ofSeconds(5),
                        "direct:servicenow-note")), Map.of());
        replies = new Replies(index, receipts, state, properties, json, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anAnswerOnAConversationsRecordBecomesAReplyToItsPost() {
        when(state.conversationsOf("sys1")).thenReturn(Set.of("x:1900000000000000001"));
        when(index.find("x:1900000000000000001")).thenReturn(new ThreadRecord("x:1900000000000000001",
                "servicenow", "incident", "sys1", null, "x:1900000000000000001", NOW, TWEET));

        Reply reply = replies.of("servicenow", "sys1", "j1", " We re-sent it. ", "beth.agent", NOW);

        assertThat(reply).isEqualTo(new Reply("servicenow:j1", "servicenow", "incident", "sys1",
                "x:1900000000000000001", "We re-sent it.", "beth.agent", NOW, TWEET));
        assertThat(replies.of("servicenow", "not-ours", "j2", "Hello", "beth.agent", NOW)).isNull();
        assertThat(replies.of("salesforce", "sys1", "j3", "Hello", "beth.agent", NOW))
                .as("the same id in another system is another record").isNull();
    }

    @Test
    void aRecordWrittenBeforeRepliesHasNowhereToAnswer() {
        when(state.conversationsOf("sys1")).thenReturn(Set.of("c1"));
        when(index.find("c1")).thenReturn(new ThreadRecord("c1", "servicenow", "incident", "sys1", null, "c1", NOW));

        assertThat(replies.of("servicenow", "sys1", "j1", "Hello", "beth.agent", NOW)).isNull();
    }

    @Test
    void aNewAnswerIsPostedAndItsLinkKept() throws Exception {
        Exchange exchange = opened(reply("x"));
        assertThat(exchange.getMessage().getHeader(Replies.STATE_HEADER)).isEqualTo("new");
        assertThat(exchange.getMessage().getHeader(Replies.WITH_HEADER)).isEqualTo("kamelet:x-reply-sink");
        assertThat(exchange.getMessage().getHeader(Replies.NOTE_WITH_HEADER)).isEqualTo("direct:servicenow-note");

        replies.posting(exchange);
        assertThat(stored.get("servicenow:j1").state()).isEqualTo(ReplyProgress.POSTING);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader(Replies.URL_HEADER, "https://x.com/i/web/status/9");
        replies.answered(exchange);

        assertThat(stored.get("servicenow:j1")).isEqualTo(new ReplyProgress(ReplyProgress.POSTED,
                "https://x.com/i/web/status/9", null, NOW));
        assertThat(replies.note(exchange)).isEqualTo("Replied on X: https://x.com/i/web/status/9");
        assertThat(metrics.counter("socialwire_replies_total", "channel", "x", "target", "servicenow", "outcome",
                "posted").count()).isEqualTo(1);
        org.mockito.Mockito.verify(receipts).publish("x:1900000000000000001", "c1", "x", "servicenow:j1",
                "https://x.com/i/web/status/9", "replied");
        replies.noted(exchange);
        assertThat(opened(reply("x")).getMessage().getHeader(Replies.STATE_HEADER))
                .as("redelivered: nothing left to do").isEqualTo(ReplyProgress.NOTED);
    }

    @Test
    void aRefusalIsNotedWithTheChannelsReasonAndDeadLettered() throws Exception {
        Exchange exchange = opened(reply("x"));
        replies.posting(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
        exchange.getMessage().setBody("{\"title\":\"Forbidden\",\"detail\":\"You are not permitted to reply to this"
                + " conversation.\",\"type\":\"about:blank\",\"status\":403}");

        replies.answered(exchange);

        assertThat(exchange.getMessage().getHeader(Replies.STATE_HEADER)).isEqualTo(ReplyProgress.REFUSED);
        assertThat(replies.note(exchange)).isEqualTo(
                "Reply not sent on X: HTTP 403 You are not permitted to reply to this conversation.");
        assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("X refused the reply: HTTP 403");
    }

    @Test
    void anAnswerTheKameletRefusedWithoutCallingIsNotedWithItsReason() throws Exception {
        Exchange exchange = opened(reply("x"));
        replies.posting(exchange);
        exchange.getMessage().setHeader(Replies.REFUSED_HEADER, "the answer is 412 characters long");

        replies.answered(exchange);

        assertThat(exchange.getMessage().getHeader(Replies.STATE_HEADER)).isEqualTo(ReplyProgress.REFUSED);
        assertThat(replies.note(exchange)).isEqualTo("Reply not sent on X: the answer is 412 characters long");
        assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .hasMessageContaining("X refused the reply: the answer is 412 characters long");
    }

    @Test
    void aRateLimitIsRetriedAsNotPostedAndAnOutageAsUnknown() throws Exception {
        Exchange limited = opened(reply("x"));
        replies.posting(limited);
        limited.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 429);
        assertThatThrownBy(() -> replies.answered(limited)).isInstanceOf(TargetRefusedException.class);
        assertThat(opened(reply("x")).getMessage().getHeader(Replies.STATE_HEADER)).isEqualTo("new");

        Exchange outage = opened(reply("x"));
        replies.posting(outage);
        outage.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 502);
        assertThatThrownBy(() -> replies.answered(outage)).isInstanceOf(TargetRefusedException.class);
        assertThat(opened(reply("x")).getMessage().getHeader(Replies.STATE_HEADER))
                .as("a 502 may have posted it: look before posting again").isEqualTo("unknown");
    }

    @Test
    void aChannelWithoutATokenHasRepliesOffAndTheRecordSaysSo() throws Exception {
        Exchange exchange = opened(reply("linkedin"));
        assertThat(exchange.getMessage().getHeader(Replies.STATE_HEADER)).isEqualTo("off");

        replies.off(exchange);

        assertThat(replies.note(exchange)).isEqualTo("Reply not sent on LinkedIn: replies on LinkedIn are off (no token set)");
    }

    @Test
    void outboxRecordsAreKeyedByConversation() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(reply("x"));

        replies.toOutbox(exchange);

        assertThat(exchange.getMessage().getHeader("kafka.KEY")).isEqualTo("c1");
        assertThat(json.readValue(exchange.getMessage().getBody(String.class), Reply.class)).isEqualTo(reply("x"));
    }

    private Exchange opened(Reply reply) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(json.writeValueAsString(reply));
        replies.open(exchange);
        return exchange;
    }

    private static Reply reply(String channel) {
        return new Reply("servicenow:j1", "servicenow", "incident", "sys1", "c1", "We re-sent it.", "beth.agent",
                NOW.minusSeconds(3), new ThreadRecord.ReplyTo(channel, "mention", "1900000000000000001", "77", "ana",
                "x:1900000000000000001"));
    }
}
