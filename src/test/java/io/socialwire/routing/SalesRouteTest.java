package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.socialwire.identity.IdentityResolver;
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
 * routes/departments/sales.camel.yaml: a known Contact gets a Task, anyone else a Lead, and an author Salesforce could
 * not be asked about is not written at all (the flow retries it).
 */
class SalesRouteTest {

    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        YamlRoutes.stubKamelets(camel, "salesforce-contact-task-sink", "salesforce-lead-sink");
        YamlRoutes.load(camel, "routes/departments/sales.camel.yaml");
        AdviceWith.adviceWith(camel, "department-sales", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aKnownContactGetsATaskOnTheirContact() {
        Exchange done = send("Contact");

        assertThat(done.getException()).isNull();
        assertThat(contactTasks().getExchanges()).hasSize(1);
        assertThat(leads().getExchanges()).isEmpty();
        Exchange sent = contactTasks().getExchanges().get(0);
        assertThat(sent.getMessage().getHeader(IdentityResolver.PERSON_ID_HEADER)).isEqualTo("003-ana");
        assertThat(sent.getMessage().getBody(SocialInteraction.class).id()).isEqualTo("x:1");
    }

    @Test
    void aLeadOrAnUnknownAuthorGoesToTheLeadSink() {
        Exchange lead = send("Lead");
        Exchange unknown = send(null);

        assertThat(lead.getException()).isNull();
        assertThat(unknown.getException()).isNull();
        assertThat(contactTasks().getExchanges()).isEmpty();
        assertThat(leads().getExchanges()).extracting(e -> e.getMessage().getHeader(IdentityResolver.PERSON_TYPE_HEADER))
                .containsExactly("Lead", null);
    }

    @Test
    void anAuthorSalesforceCouldNotBeAskedAboutFailsTheExchangeAndWritesNothing() {
        Exchange done = send(IdentityResolver.UNRESOLVED);

        assertThat(done.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Salesforce is unavailable to match the author; retried");
        assertThat(contactTasks().getExchanges()).isEmpty();
        assertThat(leads().getExchanges()).isEmpty();
    }

    private Exchange send(String personType) {
        return camel.createProducerTemplate().send("direct:department-sales", e -> {
            e.getMessage().setBody(SupportRouteTest.interaction());
            e.getMessage().setHeader(IdentityResolver.PERSON_TYPE_HEADER, personType);
            e.getMessage().setHeader(IdentityResolver.PERSON_ID_HEADER, personType == null ? null : "003-ana");
        });
    }

    private MockEndpoint contactTasks() {
        return camel.getEndpoint("mock:kamelet:salesforce-contact-task-sink", MockEndpoint.class);
    }

    private MockEndpoint leads() {
        return camel.getEndpoint("mock:kamelet:salesforce-lead-sink", MockEndpoint.class);
    }
}
