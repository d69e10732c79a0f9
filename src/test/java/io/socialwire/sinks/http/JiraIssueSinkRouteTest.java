package io.socialwire.sinks.http;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.sinks.SocialContext;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/jira-issue-sink.kamelet.yaml: Jira is asked before anything is written. Its REST calls are answered
 * by the test as Jira Cloud would (a search result, a created issue's key, an issue's comments); the conversations
 * bean is a mock that moves the conversation on as the real one does (adopted by this interaction: recorded).
 */
class JiraIssueSinkRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String URL = "http://jira.test";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    /** Each request Jira received: method, path (when set), body. */
    private final List<Map<String, String>> requests = new ArrayList<>();
    private final List<String> callUris = new ArrayList<>();
    private CamelContext camel;
    /** What Jira answers: the search's issues, the comments of SOC-7, the status of every call. */
    private String searchIssues = "[]";
    private String comments = "{\"comments\":[]}";
    private int status = 200;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("targetPacing", new TargetPacing(clock, Duration.ofSeconds(30)));
        camel.getRegistry().bind("jsonTemplates", new JsonTemplates(json));
        camel.getRegistry().bind("httpTargets", new HttpTargets(clock));
        camel.getRegistry().bind("outboundHeaders", new OutboundHeaders());
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
                from("direct:jira").to("kamelet:jira-issue-sink?routeId=jira-issue-sink&url=" + URL
                        + "&email=bot@example.test&apiToken=RAW(not-a-real-token)&projectKey=SOC&issueType=Task");
            }
        });
        camel.start();
        AdviceWith.adviceWith(camel, "jira-issue-sink", route -> {
            route.getOriginalRoute().getOutputs().forEach(this::collectCallUris);
            route.weaveByToString("to\\[\\{\\{url}}/rest/api/3/.*").replace().process(this::jira);
        });
    }

    private void collectCallUris(org.apache.camel.model.ProcessorDefinition<?> step) {
        if (step instanceof ToDefinition to) {
            callUris.add(to.getEndpointUri());
        } else if (step instanceof org.apache.camel.model.ChoiceDefinition choice) {
            choice.getWhenClauses().forEach(when -> when.getOutputs().forEach(this::collectCallUris));
            if (choice.getOtherwise() != null) {
                choice.getOtherwise().getOutputs().forEach(this::collectCallUris);
            }
        } else {
            step.getOutputs().forEach(this::collectCallUris);
        }
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationSearchesJiraThenCreatesItsIssue() throws Exception {
        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).containsEntry("method", "POST");
        JsonNode search = json.readTree(requests.get(0).get("body"));
        assertThat(search.path("jql").asText())
                .isEqualTo("project = SOC AND labels = \"sw-conversation-x:1\" ORDER BY created ASC");
        assertThat(search.path("maxResults").asInt()).isEqualTo(1);
        assertThat(requests.get(1)).containsEntry("method", "POST");
        JsonNode fields = json.readTree(requests.get(1).get("body")).path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("SOC");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("labels")).extracting(JsonNode::asText)
                .containsExactly("socialwire", "sw-channel-x", "sw-conversation-x:1", "sw-interaction-x:1");
        assertThat(fields.path("description").path("content").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Posted on x by Ana Lopez (@ana): https://x.com/ana/status/1");
        assertThat(callUris).first().asString().startsWith("{{url}}/rest/api/3/search/jql?")
                .contains("authMethod=Basic", "authUsername={{email}}", "throwExceptionOnFailure=false",
                        "headerFilterStrategy=#outboundHeaders");
        verify(conversations).created(any(Exchange.class), eq("jira"), eq("issue"), eq("SOC-7"));
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
        assertThat(done.getProperty("target")).isEqualTo("jira-issue");
    }

    @Test
    void anIssueThisInteractionOpenedBeforeACrashIsAdoptedNotCreatedAgain() {
        searchIssues = "[{\"key\":\"SOC-3\",\"fields\":{\"labels\":[\"socialwire\",\"sw-conversation-x:1\","
                + "\"sw-interaction-x:1\"]}}]";

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        assertThat(requests).as("the search only").hasSize(1);
        verify(conversations).adopt(any(Exchange.class), eq("jira"), eq("issue"), eq("SOC-3"), eq("x:1"));
        verify(conversations, never()).created(any(), any(), any(), any());
        verify(conversations).recorded(any(Exchange.class));
    }

    @Test
    void anIssueAnotherInteractionOpenedIsAdoptedAndThisOneCommentsOnIt() throws Exception {
        searchIssues = "[{\"key\":\"SOC-3\",\"fields\":{\"labels\":[\"socialwire\",\"sw-conversation-x:1\","
                + "\"sw-interaction-x:0\"]}}]";

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isNull();
        verify(conversations).adopt(any(Exchange.class), eq("jira"), eq("issue"), eq("SOC-3"), eq(null));
        verify(conversations, never()).created(any(), any(), any(), any());
        assertThat(requests).extracting(r -> r.get("method")).containsExactly("POST", "GET", "POST");
        assertThat(requests.get(1)).containsEntry("path", "/SOC-3/comment");
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aFollowUpReadsTheCommentsThenPostsItsOwn() throws Exception {
        Exchange done = send(Conversations.FOLLOW_UP, "SOC-7");

        assertThat(done.getException()).isNull();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).containsEntry("method", "GET").containsEntry("path", "/SOC-7/comment")
                .containsEntry("body", "");
        assertThat(requests.get(1)).containsEntry("method", "POST").containsEntry("path", "/SOC-7/comment");
        String comment = json.readTree(requests.get(1).get("body")).path("body").path("content").get(0)
                .path("content").get(0).path("text").asText();
        assertThat(comment).contains("what about dark mode?").endsWith(SocialContext.marker("x:1"));
        assertThat(done.getMessage().getHeader(Exchange.HTTP_PATH)).isNull();
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aFollowUpAlreadyCommentedIsNotPostedAgain() {
        comments = "{\"comments\":[{\"id\":\"10\",\"body\":{\"type\":\"doc\",\"content\":[{\"type\":\"codeBlock\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"what about dark mode? " + SocialContext.marker("x:1")
                + "\"}]}]}}]}";

        Exchange done = send(Conversations.FOLLOW_UP, "SOC-7");

        assertThat(done.getException()).isNull();
        assertThat(requests).extracting(r -> r.get("method")).containsExactly("GET");
        verify(conversations).commented(any(Exchange.class));
    }

    @Test
    void aRefusedCallFailsWithTheStatusAndNothingIsRecorded() {
        status = 400;

        Exchange done = send(Conversations.NEW, null);

        assertThat(done.getException()).isInstanceOf(TargetRefusedException.class)
                .hasMessage("Jira answered HTTP 400 Bad Request");
        assertThat(requests).hasSize(1);
        verify(conversations, never()).created(any(), any(), any(), any());
        verify(conversations, never()).adopt(any(), any(), any(), any(), any());
    }

    private Exchange send(String state, String recordId) {
        SocialInteraction interaction = new SocialInteraction("x:1", "x", "post", "1", "x:1", null,
                "https://x.com/ana/status/1", NOW, "what about dark mode?", "en",
                new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null);
        ThreadRecord thread = recordId == null ? null
                : new ThreadRecord("x:1", "jira", "issue", recordId, URL + "/browse/" + recordId, "x:0", NOW);
        return camel.createProducerTemplate().send("direct:jira", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.setProperty("thread", thread);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("interactionId", interaction.id());
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, recordId);
        });
    }

    /** Jira Cloud: answers the search, the creation, the comment list and a new comment as its REST API v3 does. */
    private void jira(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String body = exchange.getMessage().getBody(String.class);
        Map<String, String> request = new LinkedHashMap<>();
        request.put("method", method);
        if (path != null) {
            request.put("path", path);
        }
        request.put("body", body);
        requests.add(request);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_TEXT, status == 200 ? "OK" : "Bad Request");
        if (status != 200) {
            exchange.getMessage().setBody("{\"errorMessages\":[\"Field 'labels' is invalid\"]}");
        } else if ("GET".equals(method)) {
            exchange.getMessage().setBody(comments);
        } else if (path != null) {
            exchange.getMessage().setBody("{\"id\":\"11\"}");
        } else if (body.contains("\"jql\"")) {
            exchange.getMessage().setBody("{\"issues\":" + searchIssues + "}");
        } else {
            exchange.getMessage().setBody("{\"id\":\"10007\",\"key\":\"SOC-7\",\"self\":\"" + URL
                    + "/rest/api/3/issue/10007\"}");
        }
    }
}
