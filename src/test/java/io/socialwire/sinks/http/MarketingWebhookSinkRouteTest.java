package io.socialwire.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.Conversations;
import io.socialwire.model.Author;
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
 * routes/kamelets/marketing-webhook-sink.kamelet.yaml: the interaction rendered through the body template, POSTed
 * with its HMAC signature and idempotency key; the receiver's HTTP answer is the test's.
 */
class MarketingWebhookSinkRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SECRET = "test-signing-secret";
    private static final String URL = "http://marketing.test/events";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Conversations conversations = mock(Conversations.class);
    private final List<Map<String, Object>> requestHeaders = new java.util.ArrayList<>();
    private final List<String> requestBodies = new java.util.ArrayList<>();
    private String callUri;
    private CamelContext camel;
    /** The status the receiver answers with. */
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
                from("direct:marketing").to("kamelet:marketing-webhook-sink?routeId=marketing-webhook-sink"
                        + "&url=" + URL + "&secret=" + SECRET + "&bodyTemplate=config/templates/marketing-event.json");
            }
        });
        camel.start();
        callUri = YamlRoutes.replaceCall(camel, "marketing-webhook-sink", this::receiver);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void postsTheRenderedInteractionSignedWithItsIdempotencyKey() throws Exception {
        Exchange done = send();

        assertThat(done.getException()).isNull();
        assertThat(requestBodies).hasSize(1);
        JsonNode event = json.readTree(requestBodies.get(0));
        assertThat(event.path("event").asText()).isEqualTo("social.interaction");
        assertThat(event.path("id").asText()).isEqualTo("x:1");
        assertThat(event.path("text").asText()).isEqualTo("love the new release");
        assertThat(event.path("contact").path("handle").asText()).isEqualTo("ana");
        Map<String, Object> headers = requestHeaders.get(0);
        String timestamp = Long.toString(NOW.getEpochSecond());
        assertThat(headers).containsEntry("CamelHttpMethod", "POST")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Idempotency-Key", "x:1")
                .containsEntry(HttpTargets.TIMESTAMP_HEADER, timestamp)
                .containsEntry(HttpTargets.SIGNATURE_HEADER, "sha256=" + HttpTargets.signature(SECRET, timestamp,
                        requestBodies.get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(callUri).isEqualTo("{{url}}?throwExceptionOnFailure=false&headerFilterStrategy=#outboundHeaders");
        assertThat(done.getVariable("secret")).as("the secret does not outlive the signing").isNull();
        assertThat(done.getProperty("target")).isEqualTo("marketing-webhook");
        verify(conversations).sent(any(Exchange.class), eq("marketing-webhook"), isNull());
    }

    @Test
    void anAnswerOtherThan2xxFailsWithTheStatusOnly() {
        status = 422;

        Exchange done = send();

        assertThat(done.getException()).isInstanceOf(TargetRefusedException.class)
                .hasMessage("marketing-webhook answered HTTP 422 Unprocessable Entity");
        assertThat(((TargetRefusedException) done.getException()).status()).isEqualTo(422);
        verify(conversations, never()).sent(any(), any(), any());
    }

    private Exchange send() {
        SocialInteraction interaction = new SocialInteraction("x:1", "x", "post", "1", "x:1", null,
                "https://x.com/ana/status/1", NOW, "love the new release", "en",
                new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null);
        return camel.createProducerTemplate().send("direct:marketing", e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("interactionId", interaction.id());
        });
    }

    /**
     * The marketing-automation system: takes the request and answers {@link #status} as camel-http reports an answer
     * (status code and reason phrase headers, the body), an error body quoting the post.
     */
    private void receiver(Exchange exchange) {
        requestHeaders.add(new HashMap<>(exchange.getMessage().getHeaders()));
        requestBodies.add(exchange.getMessage().getBody(String.class));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_TEXT, status == 200 ? "OK" : "Unprocessable Entity");
        exchange.getMessage().setBody(status == 200 ? "{}" : "{\"error\":\"unknown field text: love the new release\"}");
    }
}
