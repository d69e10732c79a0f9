package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/departments/marketing.camel.yaml: each marketing interaction goes to the marketing webhook, then to the
 * analytics topic; a webhook that fails stops it there, for the flow to retry both.
 */
class MarketingRouteTest {

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.topics.marketing", "socialwire.marketing"));
        YamlRoutes.stubKamelets(camel, "marketing-webhook-sink", "kafka-topic-sink");
        YamlRoutes.load(camel, "routes/departments/marketing.camel.yaml");
        AdviceWith.adviceWith(camel, "department-marketing", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void eachInteractionGoesToTheWebhookAndToTheMarketingTopic() {
        SocialInteraction interaction = SupportRouteTest.interaction();

        Exchange done = send(interaction);

        assertThat(done.getException()).isNull();
        assertThat(webhook().getExchanges()).hasSize(1);
        assertThat(webhook().getExchanges().get(0).getMessage().getBody()).isSameAs(interaction);
        assertThat(topic().getExchanges()).hasSize(1);
        assertThat(topic().getExchanges().get(0).getProperty(Exchange.INTERCEPTED_ENDPOINT))
                .isEqualTo("kamelet:kafka-topic-sink?topic=socialwire.marketing");
        assertThat(topic().getExchanges().get(0).getMessage().getBody()).isSameAs(interaction);
    }

    @Test
    void aWebhookThatFailsStopsTheInteractionBeforeTheTopic() {
        webhook().whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("marketing-webhook answered 503");
        });

        Exchange done = send(SupportRouteTest.interaction());

        assertThat(done.getException()).hasMessage("marketing-webhook answered 503");
        assertThat(topic().getExchanges()).isEmpty();
    }

    private Exchange send(SocialInteraction interaction) {
        return camel.createProducerTemplate().send("direct:department-marketing",
                e -> e.getMessage().setBody(interaction));
    }

    private MockEndpoint webhook() {
        return camel.getEndpoint("mock:kamelet:marketing-webhook-sink", MockEndpoint.class);
    }

    private MockEndpoint topic() {
        return camel.getEndpoint("mock:kamelet:kafka-topic-sink", MockEndpoint.class);
    }
}
