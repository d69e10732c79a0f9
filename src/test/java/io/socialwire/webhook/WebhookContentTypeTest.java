package io.socialwire.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookContentTypeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookContentType.Filter filter = new WebhookContentType.Filter(new WebhookMetrics(registry));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "application/json                                        | true",
        "application/json; charset=utf-8                         | true",
        "Application/JSON                                        | true",
        "application/cloudevents+json                            | true",
        "null                                                    | false",
        "application/x-www-form-urlencoded                       | false",
        "text/plain                                              | false",
        "text/json                                               | false",
        "not a media type                                        | false",
        // Camel looks for the form type anywhere in the header and would parse the body as a form
        "application/x-www-form-urlencoded+json                  | false",
        "'application/json; x=\"application/x-www-form-urlencoded\"' | false",
    })
    void onlyJsonIsJson(String contentType, boolean json) {
        assertThat(WebhookContentType.isJson(contentType)).isEqualTo(json);
    }

    @Test
    void aFormBodyIsRefusedWith415BeforeAnythingReadsItAndIsCounted() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/generic");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("{\"channel\":\"x\",\"text\":\"Quilla Canaryworth\"}".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("passed on to Camel").isNull();
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"Content-Type must be application/json\"}");
        assertThat(registry.get("socialwire.webhook.rejected").tags("channel", "generic", "reason", "content_type")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void jsonDeliveriesAndHandshakesGoOn() throws Exception {
        MockHttpServletRequest json = new MockHttpServletRequest("POST", "/webhooks/meta");
        json.setContentType("application/json");
        MockFilterChain jsonChain = new MockFilterChain();
        filter.doFilter(json, new MockHttpServletResponse(), jsonChain);

        MockHttpServletRequest handshake = new MockHttpServletRequest("GET", "/webhooks/meta");
        MockFilterChain handshakeChain = new MockFilterChain();
        filter.doFilter(handshake, new MockHttpServletResponse(), handshakeChain);

        assertThat(jsonChain.getRequest()).isSameAs(json);
        assertThat(handshakeChain.getRequest()).isSameAs(handshake);
        assertThat(registry.find("socialwire.webhook.rejected").counters()).isEmpty();
    }
}
