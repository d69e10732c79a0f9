package io.socialwire.targets.salesforce;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceRepliesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:07Z");
    private final Map<String, String> cursor = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private SalesforceReplies poll;
    private io.socialwire.replies.ReplyCursors replyCursors;

    @BeforeEach
    void setUp() {
        Cursors cursors = io.socialwire.support.MapCursors.of(cursor);
        when(replies.of(eq("salesforce"), eq("500A"), anyString(), anyString(), anyString(), any()))
                .thenAnswer(call -> new Reply("salesforce:" + call.getArgument(2), "salesforce", "Case", "500A",
                        "c1", call.getArgument(3), call.getArgument(4), call.getArgument(5),
                        new ThreadRecord.ReplyTo("facebook", "comment", "1_2", "9", "ana", "facebook:1_2")));
        poll = new SalesforceReplies(replyCursors = new io.socialwire.replies.ReplyCursors(cursors), replies, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC),
                "005INTEGRATION");
    }

    @Test
    void theQueryAsksForPublishedCommentsSinceTheCursorNotTheIntegrationUsers() {
        Exchange exchange = exchange(null);

        poll.query(exchange);

        assertThat(exchange.getMessage().getHeader("sObjectQuery")).isEqualTo("SELECT Id, ParentId, CommentBody, "
                + "CreatedById, CreatedDate FROM CaseComment WHERE IsPublished = true AND CreatedDate >= "
                + "2026-12-03T10:00:07Z AND CreatedById != '005INTEGRATION' ORDER BY CreatedDate LIMIT 100");
    }

    @Test
    void commentsOfTheCursorsSecondAreReadOnceAndTheHubsOwnAreSkipped() throws Exception {
        cursor.put(SalesforceReplies.CURSOR, "2026-12-03T10:00:05Z|00a1");
        String answer = "{\"totalSize\":4,\"done\":true,\"records\":["
                + comment("00a1", "2026-12-03T10:00:05.000+0000", "005AGENT", "read before")
                + "," + comment("00a2", "2026-12-03T10:00:05.000+0000", "005AGENT", "Refunded today.")
                + "," + comment("00a3", "2026-12-03T10:00:06.000+0000", "005INTEGRATION", "their own")
                + "," + comment("00a4", "2026-12-03T10:00:06.000+0000", "005AGENT",
                "Facebook comment ... (socialwire:facebook:1_3)") + "]}";
        Exchange exchange = exchange(answer);

        List<Reply> found = poll.answers(exchange);
        replyCursors.advance(exchange);

        assertThat(found).extracting(Reply::id, Reply::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("salesforce:00a2", "Refunded today."));
        assertThat(found.get(0).writtenAt()).isEqualTo(Instant.parse("2026-12-03T10:00:05Z"));
        assertThat(cursor).containsEntry(SalesforceReplies.CURSOR, "2026-12-03T10:00:06Z|00a3,00a4");
    }

    private static String comment(String id, String at, String by, String body) {
        return "{\"attributes\":{\"type\":\"CaseComment\"},\"Id\":\"" + id + "\",\"ParentId\":\"500A\","
                + "\"CommentBody\":\"" + body + "\",\"CreatedById\":\"" + by + "\",\"CreatedDate\":\"" + at + "\"}";
    }

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
