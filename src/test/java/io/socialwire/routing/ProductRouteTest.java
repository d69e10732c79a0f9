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

/** routes/departments/product.camel.yaml: a feature request or product idea becomes a Jira issue. */
class ProductRouteTest {

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        YamlRoutes.stubKamelets(camel, "jira-issue-sink");
        YamlRoutes.load(camel, "routes/departments/product.camel.yaml");
        AdviceWith.adviceWith(camel, "department-product", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aProductIdeaBecomesAJiraIssue() {
        SocialInteraction interaction = SupportRouteTest.interaction();

        Exchange done = camel.createProducerTemplate().send("direct:department-product", e -> {
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("department", "product");
        });

        assertThat(done.getException()).isNull();
        MockEndpoint issues = camel.getEndpoint("mock:kamelet:jira-issue-sink", MockEndpoint.class);
        assertThat(issues.getExchanges()).hasSize(1);
        assertThat(issues.getExchanges().get(0).getProperty(Exchange.INTERCEPTED_ENDPOINT))
                .isEqualTo("kamelet:jira-issue-sink");
        assertThat(issues.getExchanges().get(0).getMessage().getBody()).isSameAs(interaction);
        assertThat(issues.getExchanges().get(0).getMessage().getHeader("department")).isEqualTo("product");
    }
}
