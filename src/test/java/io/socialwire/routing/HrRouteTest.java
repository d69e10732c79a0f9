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

/** routes/departments/hr.camel.yaml: an HR conversation becomes a ServiceNow record in the table socialwire.hr.table. */
class HrRouteTest {

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.hr.table", "sn_hr_core_case"));
        YamlRoutes.stubKamelets(camel, "servicenow-record-sink");
        YamlRoutes.load(camel, "routes/departments/hr.camel.yaml");
        AdviceWith.adviceWith(camel, "department-hr", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anHrConversationBecomesARecordInTheHrTable() {
        SocialInteraction interaction = SupportRouteTest.interaction();

        Exchange done = camel.createProducerTemplate().send("direct:department-hr",
                e -> e.getMessage().setBody(interaction));

        assertThat(done.getException()).isNull();
        MockEndpoint records = camel.getEndpoint("mock:kamelet:servicenow-record-sink", MockEndpoint.class);
        assertThat(records.getExchanges()).hasSize(1);
        assertThat(records.getExchanges().get(0).getProperty(Exchange.INTERCEPTED_ENDPOINT))
                .isEqualTo("kamelet:servicenow-record-sink?table=sn_hr_core_case");
        assertThat(records.getExchanges().get(0).getMessage().getBody()).isSameAs(interaction);
    }
}
