package io.socialwire.targets.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.support.MapCursors;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.User;

class ZendeskRepliesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:07Z");
    private static final long HUB = 9000000001L;
    private static final long AGENT = 9000000002L;
    private final Map<String, String> cursor = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private ReplyCursors replyCursors;
    private ZendeskReplies poll;

    @BeforeEach
    void setUp() {
        when(replies.of(eq("zendesk"), eq("7"), anyString(), anyString(), anyString(), any()))
                .thenAnswer(call -> new Reply("zendesk:" + call.getArgument(2), "zendesk", "ticket", "7", "x:19",
                        call.getArgument(3), call.getArgument(4), call.getArgument(5),
                        new ThreadRecord.ReplyTo("x", "mention", "19", "77", "ana", "x:19")));
        replyCursors = new ReplyCursors(MapCursors.of(cursor));
        poll = new ZendeskReplies(replyCursors, replies, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theFirstPollStartsWhenTheHubStartedAndAsksForCommentEvents() {
        Exchange exchange = exchange(null);

        poll.query(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_QUERY))
                .isEqualTo("start_time=" + NOW.getEpochSecond() + "&include=comment_events");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(cursor).containsEntry(ZendeskReplies.CURSOR, "2026-12-03T10:00:07Z|");
    }

    @Test
    void publicCommentsByPeopleAreAnswersOnceAndTheHubsOwnAndPrivateOnesAreNot() throws Exception {
        itIs(HUB);
        long second = Instant.parse("2026-12-03T10:00:05Z").getEpochSecond();
        cursor.put(ZendeskReplies.CURSOR, "2026-12-03T10:00:05Z|a1");
        String page = page(
                event("a1", 7, second, comment("c1", AGENT, true, "read last time")),
                event("a2", 7, second, comment("c2", AGENT, true, "We re-sent your order.")),
                event("a3", 7, second + 1, comment("c3", HUB, true, "the hub's own public comment")),
                event("a4", 7, second + 1, comment("c4", AGENT, true, "Quoting: (socialwire:x:2)")),
                event("a5", 7, second + 1, comment("c5", AGENT, false, "courier booked (internal)")),
                event("a6", 7, second + 1, "{\"id\":60,\"event_type\":\"Change\",\"field_name\":\"status\"}"),
                event("a7", 7, second + 1, comment("c7", AGENT, true, "Anything else?")));

        Exchange exchange = exchange(page);
        List<Reply> answers = poll.answers(exchange);
        replyCursors.advance(exchange);

        assertThat(answers).extracting(Reply::id, Reply::text, Reply::agent).containsExactly(
                Tuple.tuple("zendesk:c2", "We re-sent your order.", Long.toString(AGENT)),
                Tuple.tuple("zendesk:c7", "Anything else?", Long.toString(AGENT)));
        assertThat(answers.get(0).writtenAt()).isEqualTo(Instant.ofEpochSecond(second));
        assertThat(cursor).containsEntry(ZendeskReplies.CURSOR, "2026-12-03T10:00:06Z|a3,a4,a5,a6,a7");
        assertThat(poll.answers(exchange(page))).as("the same page read again").isEmpty();
    }

    @Test
    void commentsOnTicketsTheHubDidNotCreateAreNotAnswers() throws Exception {
        itIs(HUB);
        String page = page(event("a1", 8, NOW.getEpochSecond(), comment("c1", AGENT, true, "Not ours")));

        assertThat(poll.answers(exchange(page))).isEmpty();
    }

    @Test
    void theIntegrationUserIsRememberedFromZendesksAnswer() {
        assertThat(poll.knowsItself()).isFalse();
        User user = new User();
        user.setId(HUB);

        poll.itself(exchange(user));

        assertThat(poll.knowsItself()).isTrue();
        assertThatThrownBy(() -> poll.itself(exchange(new User()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theNoteIsAPrivateComment() {
        when(replies.note(any())).thenReturn("Replied on X: https://x.com/i/web/status/1");

        Comment note = poll.note(exchange(null));

        assertThat(note.getBody()).isEqualTo("Replied on X: https://x.com/i/web/status/1");
        assertThat(note.isPublic()).isFalse();
    }

    private void itIs(long id) {
        User user = new User();
        user.setId(id);
        poll.itself(exchange(user));
    }

    private static String page(String... events) {
        return "{\"ticket_events\":[" + String.join(",", events) + "],\"count\":" + events.length
                + ",\"end_of_stream\":true}";
    }

    private static String event(String id, long ticket, long timestamp, String child) {
        return "{\"id\":\"" + id + "\",\"ticket_id\":" + ticket + ",\"timestamp\":" + timestamp
                + ",\"event_type\":\"Audit\",\"child_events\":[" + child + "]}";
    }

    private static String comment(String id, long author, boolean isPublic, String body) {
        return "{\"id\":\"" + id + "\",\"event_type\":\"Comment\",\"author_id\":" + author + ",\"public\":" + isPublic
                + ",\"comment_public\":" + isPublic + ",\"body\":\"" + body + "\"}";
    }

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
