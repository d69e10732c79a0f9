package io.socialwire.sinks.http;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What an HTTP target hears of the exchange's headers: the content type, credentials a kamelet set, the idempotency
 * key and the signature, nothing else. (camel-http otherwise sends every header: Kafka metadata, the author's matched Salesforce id.)
 */
@Component("outboundHeaders")
public class OutboundHeaders extends DefaultHeaderFilterStrategy {

    public OutboundHeaders() {
        setOutFilterPattern("(?i)Content-Type|Authorization|Idempotency-Key|X-Socialwire-.*");
        // the pattern lists what may pass; every other header, and every response header, is filtered
        setFilterOnMatch(false);
    }
}
