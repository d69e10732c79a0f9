package io.socialwire.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.socialwire.channels.bluesky.JetstreamSource;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.channels.x.XV2Poller;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * routes/sources/x-v2-search, x-v2-mentions and bluesky-jetstream, their timers replaced by direct: endpoints: what a
 * poll (or a Jetstream event) found is published, an empty poll publishes nothing, and the cursor moves on only once
 * the interactions are published. The pollers and cursors are mocks; direct:publish-interactions is a mock endpoint.
 */
class PollingSourcesRouteTest {

    private final XV2Poller poller = mock(XV2Poller.class);
    private final JetstreamSource bluesky = mock(JetstreamSource.class);
    private final Cursors cursors = mock(Cursors.class);
    private final List<SocialInteraction> found = new ArrayList<>();
    private CamelContext camel;
    private MockEndpoint published;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.channels.x-v2.interval", "60s"));
        camel.getRegistry().bind("xV2Poller", poller);
        camel.getRegistry().bind("bluesky", bluesky);
        camel.getRegistry().bind("cursors", cursors);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish-interactions").to("mock:published");
            }
        });
        doAnswer(call -> poll(call.getArgument(0))).when(poller).pollSearch(any());
        doAnswer(call -> poll(call.getArgument(0))).when(poller).pollMentions(any());
        when(bluesky.normalize(any())).thenAnswer(call -> List.copyOf(found));
        YamlRoutes.load(camel, "routes/sources/x-v2-search.camel.yaml");
        YamlRoutes.load(camel, "routes/sources/x-v2-mentions.camel.yaml");
        YamlRoutes.load(camel, "routes/sources/bluesky-jetstream.camel.yaml");
        AdviceWith.adviceWith(camel, "x-v2-search", route -> route.replaceFromWith("direct:x-v2-search"));
        AdviceWith.adviceWith(camel, "x-v2-mentions", route -> route.replaceFromWith("direct:x-v2-mentions"));
        camel.start();
        published = camel.getEndpoint("mock:published", MockEndpoint.class);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void whatAPollFoundIsPublishedThenTheCursorMovesOn() throws Exception {
        found.add(interaction("x:1"));
        found.add(interaction("x:2"));

        for (String source : List.of("direct:x-v2-search", "direct:x-v2-mentions", "direct:bluesky-event")) {
            Exchange done = camel.createProducerTemplate().send(source, e -> e.getMessage().setBody("{}"));
            assertThat(done.getException()).as(source).isNull();
        }

        assertThat(published.getExchanges()).hasSize(3).allSatisfy(e -> assertThat(
                e.getMessage().getBody(List.class)).extracting("id").containsExactly("x:1", "x:2"));
        InOrder order = inOrder(poller, bluesky, cursors);
        order.verify(poller).pollSearch(any());
        order.verify(cursors).advance(any());
        order.verify(poller).pollMentions(any());
        order.verify(cursors).advance(any());
        order.verify(bluesky).normalize(any());
        order.verify(cursors).advance(any());
    }

    @Test
    void anEmptyPollPublishesNothingAndStillMovesTheCursor() {
        camel.createProducerTemplate().send("direct:x-v2-search", e -> e.getMessage().setBody(""));
        camel.createProducerTemplate().send("direct:bluesky-event", e -> e.getMessage().setBody("{}"));

        assertThat(published.getExchanges()).isEmpty();
        verify(cursors, times(2)).advance(any());
    }

    @Test
    void aPollWhoseInteractionsCouldNotBePublishedLeavesTheCursor() {
        found.add(interaction("x:1"));
        published.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("Kafka is down");
        });

        Exchange done = camel.createProducerTemplate().send("direct:x-v2-search", e -> e.getMessage().setBody(""));

        assertThat(done.getException()).hasMessage("Kafka is down");
        verify(cursors, never()).advance(any());
    }

    private Object poll(Exchange exchange) {
        exchange.getMessage().setBody(List.copyOf(found));
        return null;
    }

    private static SocialInteraction interaction(String id) {
        return new SocialInteraction(id, "x", "post", id.substring(2), id, null, "https://x.com/ana/status/1",
                Instant.parse("2026-12-03T10:00:00Z"), "hello", "en",
                new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null);
    }
}
