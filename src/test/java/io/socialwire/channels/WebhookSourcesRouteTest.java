package io.socialwire.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialwire.channels.generic.GenericWebhook;
import io.socialwire.channels.linkedin.LinkedInWebhook;
import io.socialwire.channels.meta.MetaWebhook;
import io.socialwire.channels.x.XWebhook;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/sources/{generic,meta,x,linkedin}-webhook.camel.yaml, each platform-http consumer replaced by a direct:
 * endpoint: a GET answers the platform's challenge and publishes nothing; a POST publishes what the channel's bean
 * verified and normalised; a refused delivery publishes nothing. The channel beans are mocks (their checks have their
 * own tests); direct:publish-interactions is a mock endpoint.
 */
class WebhookSourcesRouteTest {

    private final GenericWebhook generic = mock(GenericWebhook.class);
    private final MetaWebhook meta = mock(MetaWebhook.class);
    private final XWebhook x = mock(XWebhook.class);
    private final LinkedInWebhook linkedin = mock(LinkedInWebhook.class);
    private final List<SocialInteraction> normalized = List.of(new SocialInteraction("x:1", "x", "post", "1", "x:1",
            null, "https://x.com/ana/status/1", Instant.parse("2026-12-03T10:00:00Z"), "hello", "en",
            new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null));
    private CamelContext camel;
    private MockEndpoint published;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("genericWebhook", generic);
        camel.getRegistry().bind("metaWebhook", meta);
        camel.getRegistry().bind("xWebhook", x);
        camel.getRegistry().bind("linkedinWebhook", linkedin);
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // the 4xx answers are ErrorHandlingRouteTest's: here a refusal fails the exchange
                routeConfiguration("webhook-errors").errorHandler(noErrorHandler());
            }
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish-interactions").to("mock:published");
            }
        });
        for (String source : List.of("generic", "meta", "x", "linkedin")) {
            YamlRoutes.load(camel, "routes/sources/" + source + "-webhook.camel.yaml");
            AdviceWith.adviceWith(camel, source + "-webhook", route -> route.replaceFromWith("direct:" + source));
        }
        doAnswer(call -> answer(call.getArgument(0), "challenge-accepted")).when(meta).answerChallenge(any());
        doAnswer(call -> answer(call.getArgument(0), "{\"response_token\":\"sha256=crc\"}")).when(x).answerCrc(any());
        doAnswer(call -> answer(call.getArgument(0), "{\"challengeCode\":\"c\",\"challengeResponse\":\"r\"}"))
                .when(linkedin).answerChallenge(any());
        when(generic.verifyAndNormalize(any())).thenReturn(normalized);
        when(meta.verifyAndNormalize(any())).thenReturn(normalized);
        when(x.verifyAndNormalize(any())).thenReturn(normalized);
        when(linkedin.verifyAndNormalize(any())).thenReturn(normalized);
        camel.start();
        published = camel.getEndpoint("mock:published", MockEndpoint.class);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPostPublishesWhatTheChannelVerifiedAndNormalised() {
        for (String source : List.of("generic", "meta", "x", "linkedin")) {
            Exchange done = request(source, "POST");
            assertThat(done.getException()).as(source).isNull();
        }

        assertThat(published.getExchanges()).hasSize(4)
                .allSatisfy(e -> assertThat(e.getMessage().getBody()).isEqualTo(normalized));
        verify(generic).verifyAndNormalize(any());
        verify(meta).verifyAndNormalize(any());
        verify(x).verifyAndNormalize(any());
        verify(linkedin).verifyAndNormalize(any());
    }

    @Test
    void aGetAnswersThePlatformsChallengeAndPublishesNothing() {
        assertThat(request("meta", "GET").getMessage().getBody(String.class)).isEqualTo("challenge-accepted");
        assertThat(request("x", "GET").getMessage().getBody(String.class))
                .isEqualTo("{\"response_token\":\"sha256=crc\"}");
        assertThat(request("linkedin", "GET").getMessage().getBody(String.class)).contains("challengeResponse");

        assertThat(published.getExchanges()).isEmpty();
        verify(meta, never()).verifyAndNormalize(any());
        verify(x, never()).verifyAndNormalize(any());
        verify(linkedin, never()).verifyAndNormalize(any());
    }

    @Test
    void aDeliveryTheChannelRefusesPublishesNothing() {
        when(meta.verifyAndNormalize(any())).thenThrow(new IllegalArgumentException("bad signature"));

        Exchange done = request("meta", "POST");

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad signature");
        assertThat(published.getExchanges()).isEmpty();
    }

    private Exchange request(String source, String method) {
        return camel.createProducerTemplate().send("direct:" + source, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            e.getMessage().setBody("{}".getBytes());
        });
    }

    private static Object answer(Exchange exchange, String body) {
        exchange.getMessage().setBody(body);
        return null;
    }
}
