package io.socialwire.targets.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.sinks.http.HttpTargets;
import io.socialwire.support.MapCursors;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDynamicDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.User;

/**
 * routes/targets/zendesk-replies.camel.yaml on its own: camel-zendesk's users/me and the export call are answered by
 * the test, the outbox and the note's createComment call are mocks. One export call a poll; the integration user is
 * asked once.
 */
class ZendeskRepliesRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Map<String, String> cursor = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Object> exported = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private final Reply reply = new Reply("zendesk:31", "zendesk", "ticket", "7", "x:19", "We re-sent it.",
            "9000000002", Instant.parse("2026-12-03T10:00:03Z"),
            new ThreadRecord.ReplyTo("x", "mention", "19", "77", "ana", "x:19"));
    private final TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.replies", "socialwire.replies",
                "socialwire.replies.sources.zendesk.enabled", "true",
                "socialwire.replies.sources.zendesk.poll-interval", "10s",
                "camel.kamelet.zendesk-ticket-sink.url", "http://zendesk",
                "camel.kamelet.zendesk-ticket-sink.email", "hub@acme.example",
                "camel.kamelet.zendesk-ticket-sink.apiToken", "secret"));
        YamlRoutes.mockKafka(camel);
        when(replies.of(eq("zendesk"), eq("7"), eq("31"), eq("We re-sent it."), eq("9000000002"), any()))
                .thenReturn(reply);
        when(replies.note(any())).thenReturn("Replied on X: https://x.com/i/web/status/5");
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            e.getMessage().setHeader("kafka.KEY", e.getMessage().getBody(Reply.class).conversationId());
            return null;
        }).when(replies).toOutbox(any());
        ReplyCursors replyCursors = new ReplyCursors(MapCursors.of(cursor));
        camel.getRegistry().bind("replyCursors", replyCursors);
        camel.getRegistry().bind("replies", replies);
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("httpTargets", new HttpTargets(Clock.fixed(NOW, ZoneOffset.UTC)));
        camel.getRegistry().bind("zendeskReplies", new ZendeskReplies(replyCursors, replies, new ObjectMapper(),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        YamlRoutes.load(camel, "routes/targets/zendesk-replies.camel.yaml");
        AdviceWith.adviceWith(camel, "zendesk-replies", route -> {
            route.replaceFromWith("direct:poll");
            route.weaveByType(ToDynamicDefinition.class).selectFirst().replace().process(e -> {
                calls.add("users/me");
                User hub = new User();
                hub.setId(9000000001L);
                e.getMessage().setBody(hub);
            });
            route.weaveByType(ToDynamicDefinition.class).selectLast().replace().process(e -> {
                calls.add("export");
                exported.put("query", e.getMessage().getHeader(Exchange.HTTP_QUERY));
                e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                e.getMessage().setBody("{\"ticket_events\":[{\"id\":41,\"ticket_id\":7,\"timestamp\":"
                        + Instant.parse("2026-12-03T10:00:03Z").getEpochSecond() + ",\"event_type\":\"Audit\","
                        + "\"child_events\":[{\"id\":31,\"event_type\":\"Comment\",\"author_id\":9000000002,"
                        + "\"public\":true,\"body\":\"We re-sent it.\"}]},{\"id\":42,\"ticket_id\":7,\"timestamp\":"
                        + Instant.parse("2026-12-03T10:00:04Z").getEpochSecond() + ",\"event_type\":\"Audit\","
                        + "\"child_events\":[{\"id\":32,\"event_type\":\"Comment\",\"author_id\":9000000001,"
                        + "\"public\":true,\"body\":\"the hub's own\"}]}],\"count\":2,\"end_of_stream\":true}");
            });
        });
        AdviceWith.adviceWith(camel, "zendesk-note", route -> route.weaveByType(ToDynamicDefinition.class).replace()
                .to("mock:createComment"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPublicCommentGoesToTheOutboxKeyedByConversationTheHubsOwnDoesNotAndTheCursorMoves() throws Exception {
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(1);
        outbox.expectedHeaderReceived("kafka.KEY", "x:19");

        camel.createProducerTemplate().sendBody("direct:poll", null);
        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(calls).as("the integration user asked once, one export call a poll")
                .containsExactly("users/me", "export", "export");
        assertThat(exported.get("query")).isEqualTo("start_time=" + Instant.parse("2026-12-03T10:00:04Z")
                .getEpochSecond() + "&include=comment_events");
        assertThat(cursor).containsEntry(ZendeskReplies.CURSOR, "2026-12-03T10:00:04Z|42");
    }

    @Test
    void noReadWhileZendesksCircuitIsOpenOrItAskedToWait() throws Exception {
        pacing.holdOff("zendesk", NOW.plusSeconds(60));

        camel.createProducerTemplate().sendBody("direct:poll", null);

        assertThat(calls).isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void noReadWhileTheExportsOwnLimitHolds() throws Exception {
        pacing.holdOff("zendesk-export", NOW.plusSeconds(60));

        camel.createProducerTemplate().sendBody("direct:poll", null);

        assertThat(calls).isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void theNoteIsAPrivateCommentOnTheTicket() throws Exception {
        MockEndpoint create = camel.getEndpoint("mock:createComment", MockEndpoint.class);
        create.expectedMessageCount(1);
        create.expectedHeaderReceived("CamelZendesk.ticketId", 7L);

        camel.createProducerTemplate().send("direct:zendesk-note", e -> e.setProperty(Replies.REPLY, reply));

        create.assertIsSatisfied();
        Comment note = create.getReceivedExchanges().get(0).getMessage().getBody(Comment.class);
        assertThat(note.getBody()).isEqualTo("Replied on X: https://x.com/i/web/status/5");
        assertThat(note.isPublic()).isFalse();
    }
}
