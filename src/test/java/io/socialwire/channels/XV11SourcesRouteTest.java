package io.socialwire.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.channels.polling.Cursors;
import io.socialwire.channels.x.XV11Statuses;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/sources/x-v11-*.camel.yaml (camel-twitter, off by default): not created while off; on, their consumers
 * replaced by direct: endpoints, each hands its statuses to xV11 under its own cursor name and publishes what is
 * fresh. xV11 and the cursors are mocks; direct:publish-interactions is a mock endpoint.
 */
class XV11SourcesRouteTest {

    private static final List<String> ROUTES = List.of("x-v11-search", "x-v11-mentions", "x-v11-direct-messages");

    private final XV11Statuses statuses = mock(XV11Statuses.class);
    private final Cursors cursors = mock(Cursors.class);
    private final List<SocialInteraction> fresh = List.of(new SocialInteraction("x:1", "x", "mention", "1", "x:1",
            null, "https://x.com/ana/status/1", Instant.parse("2026-12-03T10:00:00Z"), "@brand hi", "en",
            new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null));
    private CamelContext camel;

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void offTheRoutesAreNotEvenCreated() throws Exception {
        start(false);

        assertThat(ROUTES).allSatisfy(id -> assertThat(camel.getRoute(id)).isNull());
    }

    @Test
    void onEachPublishesTheFreshStatusesUnderItsOwnCursor() throws Exception {
        start(true);
        doAnswer(call -> setBody(call.getArgument(0))).when(statuses).fresh(any(), any());
        doAnswer(call -> setBody(call.getArgument(0))).when(statuses).freshMessage(any(), any(), any());

        for (String id : ROUTES) {
            Exchange done = camel.createProducerTemplate().send("direct:" + id, e -> e.getMessage().setBody("[]"));
            assertThat(done.getException()).as(id).isNull();
        }

        verify(statuses).fresh(any(Exchange.class), eq("x-v11-search:brand OR #brand"));
        verify(statuses).fresh(any(Exchange.class), eq("x-v11-mentions"));
        verify(statuses).freshMessage(any(Exchange.class), eq("x-v11-direct-messages"), eq("12345"));
        assertThat(camel.getEndpoint("mock:published", MockEndpoint.class).getExchanges()).hasSize(3)
                .allSatisfy(e -> assertThat(e.getMessage().getBody()).isEqualTo(fresh));
        verify(cursors, times(3)).advance(any());
    }

    @Test
    void nothingFreshPublishesNothing() throws Exception {
        start(true);
        doAnswer(call -> {
            ((Exchange) call.getArgument(0)).getMessage().setBody(List.of());
            return null;
        }).when(statuses).fresh(any(), any());

        camel.createProducerTemplate().send("direct:x-v11-mentions", e -> e.getMessage().setBody("[]"));

        assertThat(camel.getEndpoint("mock:published", MockEndpoint.class).getExchanges()).isEmpty();
        verify(cursors).advance(any());
    }

    private void start(boolean enabled) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("socialwire.channels.x-v11.enabled", Boolean.toString(enabled));
        settings.put("socialwire.channels.x-v11.search", "brand OR #brand");
        settings.put("socialwire.channels.x-v11.account-id", "12345");
        settings.put("socialwire.channels.x-v11.interval", "60000");
        for (String credential : List.of("consumer-key", "consumer-secret", "access-token", "access-token-secret")) {
            settings.put("socialwire.channels.x-v11." + credential, "not-a-real-" + credential);
        }
        camel = YamlRoutes.context(settings);
        camel.getRegistry().bind("xV11", statuses);
        camel.getRegistry().bind("cursors", cursors);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish-interactions").to("mock:published");
            }
        });
        for (String id : ROUTES) {
            YamlRoutes.load(camel, "routes/sources/" + id + ".camel.yaml");
            if (enabled) {
                AdviceWith.adviceWith(camel, id, route -> route.replaceFromWith("direct:" + id));
            }
        }
        camel.start();
    }

    private Object setBody(Exchange exchange) {
        exchange.getMessage().setBody(fresh);
        return null;
    }
}
