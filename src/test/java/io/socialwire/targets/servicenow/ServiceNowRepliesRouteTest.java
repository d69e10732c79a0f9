package io.socialwire.targets.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
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
 * The servicenow-replies route of routes/targets/servicenow-replies.camel.yaml on its own: the Table API call is answered by
 * the test and the outbox is a mock; an agent's comment on a conversation's record goes to the outbox keyed by its
 * conversation, the hub's own entry does not, and the cursor moves once they are out.
 */
class ServiceNowRepliesRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Map<String, String> cursor = new HashMap<>();
    private final List<Map<String, Object>> answer = List.of(
            Map.of("sys_id", "j1", "element_id", "inc1", "value", "We re-sent it.", "sys_created_on",
                    "2026-12-03 10:00:03", "sys_created_by", "beth.agent"),
            Map.of("sys_id", "j2", "element_id", "inc1", "value", "X reply from @ana ... (socialwire:x:2)",
                    "sys_created_on", "2026-12-03 10:00:04", "sys_created_by", "beth.agent"));
    private final Map<String, Object> query = new HashMap<>();
    private final io.socialwire.pacing.TargetPacing pacing = new io.socialwire.pacing.TargetPacing(
            Clock.fixed(NOW, ZoneOffset.UTC), java.time.Duration.ofSeconds(30));
    private CamelContext camel;
    private Cursors cursors;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.replies", "socialwire.replies",
                "socialwire.replies.sources.servicenow.poll-interval", "5s",
                "camel.kamelet.servicenow-record-sink.apiUrl", "http://servicenow/api",
                "camel.kamelet.servicenow-record-sink.userName", "socialwire",
                "camel.kamelet.servicenow-record-sink.password", "secret"));
        YamlRoutes.mockKafka(camel);
        cursors = io.socialwire.support.MapCursors.of(cursor);
        Replies replies = mock(Replies.class);
        when(replies.of("servicenow", "inc1", "j1", "We re-sent it.", "beth.agent",
                Instant.parse("2026-12-03T10:00:03Z"))).thenReturn(new Reply("servicenow:j1", "servicenow",
                "incident", "inc1", "x:19", "We re-sent it.", "beth.agent", Instant.parse("2026-12-03T10:00:03Z"),
                new ThreadRecord.ReplyTo("x", "mention", "19", "77", "ana", "x:19")));
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            Reply reply = e.getMessage().getBody(Reply.class);
            e.getMessage().setHeader("kafka.KEY", reply.conversationId());
            e.getMessage().setBody(reply.id());
            return null;
        }).when(replies).toOutbox(org.mockito.ArgumentMatchers.any());
        io.socialwire.replies.ReplyCursors replyCursors = new io.socialwire.replies.ReplyCursors(cursors);
        camel.getRegistry().bind("replyCursors", replyCursors);
        camel.getRegistry().bind("replies", replies);
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("serviceNowReplies", new ServiceNowReplies(replyCursors, replies,
                Clock.fixed(NOW, ZoneOffset.UTC), "socialwire"));
        YamlRoutes.load(camel, "routes/targets/servicenow-replies.camel.yaml");
        AdviceWith.adviceWith(camel, "servicenow-replies", route -> {
            route.replaceFromWith("direct:poll");
            route.weaveByType(ToDefinition.class).selectFirst().replace().process(e -> {
                query.putAll(e.getMessage().getHeaders());
                e.getMessage().setBody(answer);
            });
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anAgentsCommentGoesToTheOutboxKeyedByConversationAndTheCursorMovesPastWhatWasRead() throws Exception {
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedBodiesReceived("servicenow:j1");
        outbox.expectedHeaderReceived("kafka.KEY", "x:19");

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(query).containsEntry("CamelServiceNowTable", "sys_journal_field")
                .containsEntry("CamelServiceNowAction", "retrieve");
        assertThat((String) query.get("CamelServiceNowQuery")).startsWith("element=comments^sys_created_on>=");
        assertThat(cursor).containsEntry(ServiceNowReplies.CURSOR, "2026-12-03T10:00:04Z|j2");
        assertThat(Set.of(camel.getRoute("servicenow-replies").getEndpoint().getEndpointUri()))
                .containsExactly("direct://poll");
    }

    @Test
    void noReadWhileServiceNowsCircuitIsOpenOrItAskedToWait() throws Exception {
        pacing.holdOff("servicenow", NOW.plusSeconds(60));
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(0);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(query).as("no Table API call").isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void noReadOnAnInstanceThatDoesNotHoldTheCursorAnotherOnePolls() throws Exception {
        when(cursors.isPolledHere("replies:servicenow")).thenReturn(false);
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(0);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(query).as("no call: one instance of all reads each system's answers").isEmpty();
        assertThat(cursor).isEmpty();
    }
}
