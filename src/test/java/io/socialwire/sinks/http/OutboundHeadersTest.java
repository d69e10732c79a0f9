package io.socialwire.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class OutboundHeadersTest {

    private final OutboundHeaders headers = new OutboundHeaders();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aTargetHearsCredentialsContentTypeAndVersionsButNoMetadata() {
        assertThat(headers.applyFilterToCamelHeaders("Authorization", "Bearer t", exchange)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("Content-Type", "application/json", exchange)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("LinkedIn-Version", "202411", exchange)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("kafka.KEY", "c1", exchange)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("authorSalesforceId", "003", exchange)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("replyRefused", "too long", exchange)).isTrue();
    }

    @Test
    void ofAnAnswerOnlyWhatSaysWhenToCallAgainComesIn() {
        for (String kept : new String[] {"Retry-After", "X-RateLimit-Reset", "x-rate-limit-reset", "RateLimit-Reset",
            "ratelimit-remaining", "X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage"}) {
            assertThat(headers.applyFilterToExternalHeaders(kept, "1", exchange)).as(kept).isFalse();
        }
        assertThat(headers.applyFilterToExternalHeaders("Set-Cookie", "s=1", exchange)).isTrue();
        assertThat(headers.applyFilterToExternalHeaders("atproto-repo-rev", "3l3", exchange)).isTrue();
    }
}
