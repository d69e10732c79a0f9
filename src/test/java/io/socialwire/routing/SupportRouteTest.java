package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * routes/departments/support.camel.yaml: each value of socialwire.support.target sends a new support conversation to
 * its own kamelet, and only there.
 */
class SupportRouteTest {

    /** The kamelet each allowed value of socialwire.support.target writes to. */
    private static final Map<String, String> KAMELET_OF_TARGET = Map.of(
            "servicenow-incident", "servicenow-record-sink",
            "salesforce-case", "salesforce-case-sink",
            "zendesk-ticket", "zendesk-ticket-sink");

    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "servicenow-incident, servicenow-record-sink, kamelet:servicenow-record-sink?table=incident&category=inquiry",
            "salesforce-case,     salesforce-case-sink,   kamelet:salesforce-case-sink",
            "zendesk-ticket,      zendesk-ticket-sink,    kamelet:zendesk-ticket-sink"})
    void eachSupportTargetPicksItsKamelet(String target, String kamelet, String endpoint) throws Exception {
        start(target);
        SocialInteraction interaction = interaction();

        Exchange done = camel.createProducerTemplate().send("direct:department-support", e -> {
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader("conversationId", interaction.conversationId());
        });

        assertThat(done.getException()).isNull();
        for (String other : Set.copyOf(KAMELET_OF_TARGET.values())) {
            assertThat(mock(other).getExchanges()).as(other).hasSize(other.equals(kamelet) ? 1 : 0);
        }
        Exchange sent = mock(kamelet).getExchanges().get(0);
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class)).isEqualTo(endpoint);
        assertThat(sent.getMessage().getBody()).isSameAs(interaction);
        assertThat(sent.getMessage().getHeader("conversationId")).isEqualTo("x:1");
    }

    /** A value allowed in config/application.yaml but without a kamelet here would go untested. */
    @Test
    void everyAllowedSupportTargetIsCoveredHere() throws Exception {
        JsonNode choices = new ObjectMapper(new YAMLFactory()).readTree(new File("config/application.yaml"))
                .path("socialwire").path("choices").path("[socialwire.support.target]");
        Set<String> allowed = new HashSet<>();
        choices.forEach(value -> allowed.add(value.asText()));

        assertThat(allowed).isNotEmpty().isEqualTo(KAMELET_OF_TARGET.keySet());
    }

    private void start(String target) throws Exception {
        camel = YamlRoutes.context(Map.of("socialwire.support.target", target,
                "socialwire.servicenow.support-category", "inquiry"));
        YamlRoutes.stubKamelets(camel, Set.copyOf(KAMELET_OF_TARGET.values()).toArray(String[]::new));
        YamlRoutes.load(camel, "routes/departments/support.camel.yaml");
        AdviceWith.adviceWith(camel, "department-support", route -> route.mockEndpointsAndSkip("kamelet:*"));
        camel.start();
    }

    private MockEndpoint mock(String kamelet) {
        return camel.getEndpoint("mock:kamelet:" + kamelet, MockEndpoint.class);
    }

    static SocialInteraction interaction() {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, "https://x.com/ana/status/1",
                Instant.parse("2026-12-03T10:00:00Z"), "my order never arrived", "en", null, List.of(), null, null);
    }
}
