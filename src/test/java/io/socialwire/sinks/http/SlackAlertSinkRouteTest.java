package io.socialwire.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

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
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.model.Author;
import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/slack-alert-sink.kamelet.yaml: the PR alert rendered from its template, linking the post and the
 * incident, POSTed to the incoming webhook (answered by the test); a failed call never reveals the webhook URL.
 */
class SlackAlertSinkRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    /** An incoming webhook's URL grants posting to the channel: a secret. */
    private static final String WEBHOOK = "http://hooks.slack.test/services/T000/B000/not-a-real-token";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    private final List<Map<String, Object>> requestHeaders = new ArrayList<>();
    private final List<String> requestBodies = new ArrayList<>();
    private String callUri;
    private CamelContext camel;
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
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:alert").to("kamelet:slack-alert-sink?routeId=slack-alert-sink&webhookUrl=RAW("
                        + WEBHOOK + ")&bodyTemplate=config/templates/pr-alert.json");
            }
        });
        camel.start();
        callUri = YamlRoutes.replaceCall(camel, "slack-alert-sink", this::incomingWebhook);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void postsAnAlertLinkingThePostAndTheIncident() throws Exception {
        Exchange done = send();

        assertThat(done.getException()).isNull();
        assertThat(requestBodies).hasSize(1);
        JsonNode alert = json.readTree(requestBodies.get(0));
        assertThat(alert.path("text").asText()).isEqualTo(":rotating_light: PR alert: high-reach negative post on x"
                + " by Ana Lopez (@ana, 250000 followers). Incident: http://servicenow.test/incident/sys-1");
        assertThat(alert.path("blocks").get(0).path("text").path("text").asText())
                .contains("<https://x.com/ana/status/1|Open the post>")
                .contains("<http://servicenow.test/incident/sys-1|Open the incident>")
                .contains(">your product ruined my wedding");
        assertThat(requestHeaders.get(0)).containsEntry("CamelHttpMethod", "POST")
                .containsEntry("Content-Type", "application/json");
        assertThat(callUri).isEqualTo(
                "{{webhookUrl}}?throwExceptionOnFailure=false&headerFilterStrategy=#outboundHeaders");
        assertThat(done.getProperty("target")).isEqualTo("slack-alert");
        verify(conversations).sent(any(Exchange.class), eq("slack-alert"), isNull());
    }

    @Test
    void aRefusedAlertFailsWithTheStatusNotTheWebhookUrl() {
        status = 404;

        Exchange done = send();

        assertThat(done.getException()).isInstanceOf(TargetRefusedException.class)
                .hasMessage("slack-alert answered HTTP 404 Not Found");
        assertThat(done.getException().getMessage()).doesNotContain("not-a-real-token");
        verify(conversations, never()).sent(any(), any(), any());
    }

    private Exchange send() {
        SocialInteraction interaction = new SocialInteraction("x:7", "x", "post", "1", "x:7", null,
                "https://x.com/ana/status/1", NOW, "your product ruined my wedding", "en",
                new Author("9", "ana", "Ana Lopez", null, 250_000L, null), List.of(), null,
                new Enrichment("pr", "accusation", new Sentiment(-0.8, "negative"), 1, "pr-high-reach"));
        ThreadRecord incident = new ThreadRecord("x:7", "servicenow", "incident", "sys-1",
                "http://servicenow.test/incident/sys-1", "x:7", NOW);
        return camel.createProducerTemplate().send("direct:alert", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.setProperty("thread", incident);
            e.getMessage().setBody(interaction);
        });
    }

    /** The incoming webhook, answering {@link #status} as camel-http reports an answer. */
    private void incomingWebhook(Exchange exchange) {
        requestHeaders.add(new HashMap<>(exchange.getMessage().getHeaders()));
        requestBodies.add(exchange.getMessage().getBody(String.class));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_TEXT, status == 200 ? "OK" : "Not Found");
        exchange.getMessage().setBody(status == 200 ? "ok" : "no_service");
    }
}
