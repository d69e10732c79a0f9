package io.socialwire.targets.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
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

/**
 * The routes of routes/targets/jira-replies.camel.yaml on their own, Jira answered by the test and the outbox a mock:
 * the first poll reads the account once, then each poll makes one search; an agent's public comment goes to the
 * outbox keyed by its conversation and the cursor moves; no call where another instance polls or Jira asked to wait;
 * the note is a restricted comment on the issue, without the channel's headers.
 */
class JiraRepliesRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Map<String, String> cursor = new HashMap<>();
    /** Each call to Jira: method, URI and path, body. */
    private final List<String> calls = new ArrayList<>();
    private final List<Exchange> sent = new ArrayList<>();
    private final TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    private final Replies replies = mock(Replies.class);
    private CamelContext camel;
    private Cursors cursors;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.replies", "socialwire.replies",
                "socialwire.replies.sources.jira.enabled", "true",
                "socialwire.replies.sources.jira.poll-interval", "5s",
                "camel.kamelet.jira-issue-sink.url", "http://jira.test",
                "camel.kamelet.jira-issue-sink.email", "hub@acme.example",
                "camel.kamelet.jira-issue-sink.apiToken", "secret"));
        YamlRoutes.mockKafka(camel);
        cursors = MapCursors.of(cursor);
        Reply reply = new Reply("jira:10002", "jira", "issue", "SOC-1", "x:19", "Dark mode ships in March.",
                "agent-1", Instant.parse("2026-12-03T10:00:03Z"),
                new ThreadRecord.ReplyTo("x", "post", "19", "77", "ana", "x:19"));
        when(replies.of("jira", "SOC-1", "10002", "Dark mode ships in March.", "agent-1",
                Instant.parse("2026-12-03T10:00:03Z"))).thenReturn(reply);
        doAnswer(call -> {
            Exchange e = call.getArgument(0);
            Reply r = e.getMessage().getBody(Reply.class);
            e.getMessage().setHeader("kafka.KEY", r.conversationId());
            e.getMessage().setBody(r.id());
            return null;
        }).when(replies).toOutbox(any());
        when(replies.note(any())).thenReturn("Replied on X: https://x.com/i/web/status/5");
        when(replies.reply(any())).thenReturn(reply);
        ReplyCursors replyCursors = new ReplyCursors(cursors);
        camel.getRegistry().bind("replyCursors", replyCursors);
        camel.getRegistry().bind("replies", replies);
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("outboundHeaders", new io.socialwire.sinks.http.OutboundHeaders());
        camel.getRegistry().bind("httpTargets", new HttpTargets(Clock.fixed(NOW, ZoneOffset.UTC)));
        camel.getRegistry().bind("jiraReplies", new JiraReplies(replyCursors, replies, JSON,
                Clock.fixed(NOW, ZoneOffset.UTC), "SOC", "Administrators"));
        YamlRoutes.load(camel, "routes/targets/jira-replies.camel.yaml");
        // the calls one after the other: /myself, then the search (the first left once /myself is replaced)
        AdviceWith.adviceWith(camel, "jira-replies", route -> {
            route.replaceFromWith("direct:poll");
            route.weaveByType(ToDynamicDefinition.class).selectFirst().replace().process(e -> {
                record(e, "myself");
                e.getMessage().setBody("{\"accountId\":\"712020:hub\",\"timeZone\":\"UTC\"}");
            });
            route.weaveByType(ToDynamicDefinition.class).selectFirst().replace().process(e -> {
                record(e, "search");
                e.getMessage().setBody("{\"issues\":[{\"id\":\"10000\",\"key\":\"SOC-1\",\"fields\":{\"comment\":"
                        + "{\"comments\":[" + comment("10001", "712020:hub", "X reply (socialwire:x:20)") + ","
                        + comment("10002", "agent-1", "Dark mode ships in March.") + "],\"total\":2}}}]}");
            });
        });
        // the note's call as camel-http would make it (toD's http optimisation: the endpoint, the path header)
        AdviceWith.adviceWith(camel, "jira-note", route -> route.interceptSendToEndpoint("http*")
                .skipSendToOriginalEndpoint().process(e -> {
                    record(e, "note");
                    sent.add(e.copy());
                    e.getMessage().setBody("{\"id\":\"10009\"}");
                }));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theFirstPollReadsTheAccountOnceThenEachPollOneSearchAndAnAgentsCommentGoesToTheOutbox() throws Exception {
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedBodiesReceived("jira:10002");
        outbox.expectedHeaderReceived("kafka.KEY", "x:19");

        camel.createProducerTemplate().sendBody("direct:poll", null);
        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(calls).containsExactly("GET myself", "POST search", "POST search");
        assertThat(cursor).containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:03Z|10001,10002");
    }

    @Test
    void noReadWhileJirasCircuitIsOpenOrItAskedToWait() throws Exception {
        pacing.holdOff("jira", NOW.plusSeconds(60));
        MockEndpoint outbox = YamlRoutes.topic(camel, "socialwire.replies");
        outbox.expectedMessageCount(0);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        outbox.assertIsSatisfied();
        assertThat(calls).as("no call to Jira").isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void noReadOnAnInstanceThatDoesNotHoldTheCursorAnotherOnePolls() throws Exception {
        when(cursors.isPolledHere("replies:jira")).thenReturn(false);

        camel.createProducerTemplate().sendBody("direct:poll", null);

        assertThat(calls).as("no call: one instance of all reads each system's answers").isEmpty();
        assertThat(cursor).isEmpty();
    }

    @Test
    void theNoteIsACommentOnTheIssueRestrictedToTheRoleWithoutTheChannelsHeaders() throws Exception {
        Exchange done = camel.createProducerTemplate().send("direct:jira-note", e -> {
            e.setProperty("reply", replies.reply(e));
            e.getMessage().setHeader("Authorization", "Bearer user:acme");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "/2/tweets");
            e.getMessage().setHeader("replyUrl", "https://x.com/i/web/status/5");
        });

        assertThat(done.getException()).isNull();
        assertThat(calls).containsExactly("POST note");
        Exchange note = sent.get(0);
        assertThat(note.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class)
                + note.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class))
                .startsWith("http://jira.test").endsWith("/rest/api/3/issue/SOC-1/comment");
        assertThat(note.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class)).doesNotContain("2/tweets");
        assertThat(note.getMessage().getHeader("Authorization")).as("Jira's basic auth, not the channel's token")
                .isNull();
        assertThat(note.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        JsonNode body = JSON.readTree(note.getMessage().getBody(String.class));
        assertThat(body.path("visibility"))
                .isEqualTo(JSON.readTree("{\"type\":\"role\",\"value\":\"Administrators\"}"));
        assertThat(JiraReplies.text(body.path("body"))).isEqualTo("Replied on X: https://x.com/i/web/status/5");
    }

    private void record(Exchange e, String what) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, what.equals("note") ? 201 : 200);
        calls.add(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class) + " " + what);
    }

    private static String comment(String id, String author, String text) throws Exception {
        return "{\"id\":\"" + id + "\",\"created\":\"2026-12-03T10:00:03.000+0000\",\"author\":{\"accountId\":\""
                + author + "\"},\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
                + "\"content\":[{\"type\":\"text\",\"text\":" + JSON.writeValueAsString(text) + "}]}]}}";
    }
}
