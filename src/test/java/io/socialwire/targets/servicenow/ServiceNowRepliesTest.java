package io.socialwire.targets.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
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

import io.socialwire.channels.polling.Cursors;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceNowRepliesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:07Z");
    private final Map<String, String> cursor = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private ServiceNowReplies poll;
    private io.socialwire.replies.ReplyCursors replyCursors;

    @BeforeEach
    void setUp() {
        Cursors cursors = io.socialwire.support.MapCursors.of(cursor);
        when(replies.of(eq("servicenow"), eq("inc1"), anyString(), anyString(), anyString(), any()))
                .thenAnswer(call -> new Reply("servicenow:" + call.getArgument(2), "servicenow", "incident", "inc1",
                        "c1", call.getArgument(3), call.getArgument(4), call.getArgument(5),
                        new ThreadRecord.ReplyTo("x", "mention", "1", "77", "ana", null)));
        poll = new ServiceNowReplies(replyCursors = new io.socialwire.replies.ReplyCursors(cursors), replies, Clock.fixed(NOW, ZoneOffset.UTC), "socialwire");
    }

    @Test
    void theFirstPollStartsWhenTheHubStartedAndAsksForPublicCommentsNotTheHubsOwn() {
        Exchange exchange = exchange(null);

        poll.query(exchange);

        assertThat(exchange.getMessage().getHeader("CamelServiceNowQuery")).isEqualTo(
                "element=comments^sys_created_on>=2026-12-03 10:00:07^sys_created_by!=socialwire^ORDERBYsys_created_on");
        assertThat(exchange.getMessage().getHeader("CamelServiceNowTable")).isEqualTo("sys_journal_field");
        assertThat(exchange.getMessage().getHeader("CamelServiceNowAction")).isEqualTo("retrieve");
        assertThat(cursor).containsEntry(ServiceNowReplies.CURSOR, "2026-12-03T10:00:07Z|");
    }

    @Test
    void entriesOfTheCursorsSecondAreReadOnceAndTheHubsOwnAreSkipped() {
        cursor.put(ServiceNowReplies.CURSOR, "2026-12-03T10:00:05Z|j1");
        List<Map<String, Object>> entries = List.of(
                entry("j1", "2026-12-03 10:00:05", "beth.agent", "read last time"),
                entry("j2", "2026-12-03 10:00:05", "beth.agent", "We re-sent your order."),
                entry("j3", "2026-12-03 10:00:06", "socialwire", "X mention from @ana ... (socialwire:x:2)"),
                entry("j4", "2026-12-03 10:00:06", "carl.agent", "Quoting: (socialwire:x:2)"),
                entry("j5", "2026-12-03 10:00:06", "carl.agent", "Anything else?"));

        Exchange exchange = exchange(entries);
        List<Reply> answers = poll.answers(exchange);
        replyCursors.advance(exchange);

        assertThat(answers).extracting(Reply::id, Reply::text, Reply::agent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("servicenow:j2", "We re-sent your order.", "beth.agent"),
                org.assertj.core.groups.Tuple.tuple("servicenow:j5", "Anything else?", "carl.agent"));
        assertThat(answers.get(0).writtenAt()).isEqualTo(Instant.parse("2026-12-03T10:00:05Z"));
        assertThat(cursor).containsEntry(ServiceNowReplies.CURSOR, "2026-12-03T10:00:06Z|j3,j4,j5");

        Exchange again = exchange(entries.subList(2, 5));
        assertThat(poll.answers(again)).as("the same second read again").isEmpty();
    }

    @Test
    void anEmptyPollKeepsTheCursor() {
        cursor.put(ServiceNowReplies.CURSOR, "2026-12-03T10:00:05Z|j1");
        Exchange exchange = exchange(List.of());

        assertThat(poll.answers(exchange)).isEmpty();
        replyCursors.advance(exchange);

        assertThat(cursor).containsEntry(ServiceNowReplies.CURSOR, "2026-12-03T10:00:05Z|j1");
    }

    private static Map<String, Object> entry(String id, String at, String by, String value) {
        return Map.of("sys_id", id, "element_id", "inc1", "name", "incident", "element", "comments",
                "sys_created_on", at, "sys_created_by", by, "value", value);
    }

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
