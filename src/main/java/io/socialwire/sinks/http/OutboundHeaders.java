package io.socialwire.sinks.http;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What an HTTP target hears of the exchange's headers: the content type, credentials a kamelet set, the idempotency
 * key and the signature, nothing else; and what the hub keeps of the answer's: when to call again. (camel-http otherwise sends every header: Kafka metadata, the author's matched Salesforce id.)
 */
@Component("outboundHeaders")
public class OutboundHeaders extends DefaultHeaderFilterStrategy {

    public OutboundHeaders() {
        setOutFilterPattern("(?i)Content-Type|Authorization|Idempotency-Key|X-Socialwire-.*"
                // the API version some platforms require on every call (LinkedIn's, with its Rest.li protocol)
                + "|LinkedIn-Version|X-Restli-Protocol-Version");
        // of the answer, only what says when to call again (Retry-After, rate-limit resets, Meta's usage) comes in
        setInFilterPattern("(?i)Retry-After|X-RateLimit-.*|X-Rate-Limit-.*|RateLimit-.*"
                + "|X-App-Usage|X-Page-Usage|X-Business-Use-Case-Usage");
        // the patterns list what may pass; every other header is filtered
        setFilterOnMatch(false);
    }
}
