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
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/targets/salesforce-replies.camel.yaml on its own: the SOQL query is answered by the test, the outbox and the
 * note's createSObject call are mocks.
 */
class SalesforceRepliesRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Map<String, String> cursor = new HashMap<>();
    private final Map<String, Object> asked = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private final Reply reply = new Reply("salesforce:00a2", "salesforce", "Case", "500A", "facebook:1_2",
            "Refunded today.", "005AGENT", Instant.parse("2026-12-03T10:00:03Z"),
            new ThreadRecord.ReplyTo("facebook", "comment", "1_2", "9", "ana", "facebook:1_2"));
    private final io.socialwire.pacing.TargetPacing pacing = new io.socialwire.pacing.TargetPacing(
            Clock.fixed(NOW, ZoneOffset.UTC), java.time.Duration.ofSeconds(30));
    private CamelContext camel;
    private Cursors cursors;

    @BeforeEach
    void start() throws Exception {
        start("salesforce-case");
    }

    private void start(String supportTarget) throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.replies", "socialwire.replies",
                "socialwire.replies.sources.salesforce.poll-interval", "5s", "socialwire.support.target",
                supportTarget));
        YamlRoutes.mockKafka(camel);
        cursors = io.socialwire.support.MapCursors.of(cursor);
        when(replies.of(eq("salesforce"), eq("500A"), eq("00a2"), eq("Refunded today."), eq("005AGENT"), any()))
                .thenReturn(reply);
        when(replies.reply(any())).thenReturn(reply);
        when(replies.note(any())).thenReturn("Replied on Facebook: https://www.facebook.com/2_7");
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            e.getMessage().setHeader("kafka.KEY", e.getMessage().getBody(Reply.class).conversationId());
            return null;
        }).when(replies).toOutbox(any());
        io.socialwire.replies.ReplyCursors replyCursors = new io.socialwire.replies.ReplyCursors(cursors);
        camel.getRegistry().bind("replyCursors", replyCursors);
        camel.getRegistry().bind("replies", replies);
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("salesforceReplies", new SalesforceReplies(replyCursors, replies, new ObjectMapper(),
                Clock.fixed(NOW, ZoneOffset.UTC), ""));
        YamlRoutes.load(camel, "routes/targets/salesforce-replies.camel.yaml");
        AdviceWith.adviceWith(camel, "salesforce-replies", route -> {
            route.replaceFromWith("direct:poll");
            route.weaveByType(ToDefinition.class).selectFirst().replace().process(e -> {
                asked.put("query", e.getMessage().getHeader("sObjectQuery"));
                e.getMessage().setBody("{\"records\":[{\"Id\":\"00a2\",\"ParentId\":\"500A\",\"CommentBody\":"
                        + "\"Refunded today.\",\"CreatedById\":\"005AGENT\",\"CreatedDate\":"
                        + "\"2026-12-03T10:00:03.000+0000\"}]}");
            });
        });
        AdviceWith.adviceWith(camel, "salesforce-note", route -> route.weaveByType(ToDefinition.class).replace()
                .to("mock:createSObject"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPublishedCommentGoesToTheOutboxKeyedByConversationAndTheCursorMoves() throws Exception {
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedHeaderReceived("kafka.KEY", "facebook:1_2");

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat((String) asked.get("query")).contains("FROM CaseComment WHERE IsPublished = true AND CreatedDate >= "
                + "2026-12-03T10:00:00Z");
        assertThat(cursor).containsEntry(SalesforceReplies.CURSOR, "2026-12-03T10:00:03Z|00a2");
    }

    @Test
    void theNoteIsAnUnpublishedCaseComment() throws Exception {
        MockEndpoint create = camel.getEndpoint("mock:createSObject", MockEndpoint.class);
        create.expectedMessageCount(1);

        camel.createProducerTemplate().sendBody("direct:salesforce-note", null);

        create.assertIsSatisfied();
        assertThat(new ObjectMapper().readTree(create.getReceivedExchanges().get(0).getMessage().getBody(String.class)))
                .isEqualTo(new ObjectMapper().readTree("{\"ParentId\":\"500A\",\"CommentBody\":"
                        + "\"Replied on Facebook: https://www.facebook.com/2_7\",\"IsPublished\":false}"));
    }

    @Test
    void noReadOnAnInstanceThatDoesNotHoldTheCursorAnotherOnePolls() throws Exception {
        when(cursors.isPolledHere("replies:salesforce")).thenReturn(false);
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(0);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(asked).as("no call: one instance of all reads each system's answers").isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void noReadWhereSupportsRecordsAreNotCases() throws Exception {
        stop();
        start("servicenow-incident");
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(0);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(asked).as("no SOQL query: no Case of the hub's to read comments of").isEmpty();
    }
}
