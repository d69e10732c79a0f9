package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatches;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * routes/departments/pr.camel.yaml: a PR post becomes an incident in the PR category and leaves its alert for after
 * the write (direct:pr-alert), which alerts only for the interaction that opened the incident.
 */
class PrRouteTest {

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.pr.category", "pr"));
        YamlRoutes.stubKamelets(camel, "servicenow-record-sink", "slack-alert-sink");
        YamlRoutes.load(camel, "routes/departments/pr.camel.yaml");
        AdviceWith.adviceWith(camel, "department-pr", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aPrPostBecomesAnIncidentInThePrCategoryAndLeavesItsAlertForAfterTheWrite() {
        Exchange done = camel.createProducerTemplate().send("direct:department-pr",
                e -> e.getMessage().setBody(SupportRouteTest.interaction()));

        assertThat(done.getException()).isNull();
        assertThat(incidents().getExchanges()).hasSize(1);
        assertThat(incidents().getExchanges().get(0).getProperty(Exchange.INTERCEPTED_ENDPOINT))
                .isEqualTo("kamelet:servicenow-record-sink?table=incident&category=pr");
        assertThat(done.getProperty(LaneBatches.AFTER_WRITE)).isEqualTo("direct:pr-alert");
        assertThat(alerts().getExchanges()).as("not before the incident is written").isEmpty();
    }

    @Test
    void theInteractionThatOpenedTheIncidentAlertsThePrTeam() {
        Exchange done = alert(Conversations.RECORDED);

        assertThat(done.getException()).isNull();
        assertThat(alerts().getExchanges()).hasSize(1);
        assertThat(alerts().getExchanges().get(0).getMessage().getHeader(Conversations.RECORD_ID_HEADER))
                .isEqualTo("INC0010001");
    }

    @ParameterizedTest
    @ValueSource(strings = {Conversations.FOLLOW_UP, Conversations.NEW})
    void anyOtherInteractionOfTheConversationAlertsNoOne(String state) {
        Exchange done = alert(state);

        assertThat(done.getException()).isNull();
        assertThat(alerts().getExchanges()).isEmpty();
    }

    private Exchange alert(String state) {
        return camel.createProducerTemplate().send("direct:pr-alert", e -> {
            e.getMessage().setBody(SupportRouteTest.interaction());
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
            e.getMessage().setHeader(Conversations.RECORD_ID_HEADER, "INC0010001");
        });
    }

    private MockEndpoint incidents() {
        return camel.getEndpoint("mock:kamelet:servicenow-record-sink", MockEndpoint.class);
    }

    private MockEndpoint alerts() {
        return camel.getEndpoint("mock:kamelet:slack-alert-sink", MockEndpoint.class);
    }
}
