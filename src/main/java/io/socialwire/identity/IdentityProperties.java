package io.socialwire.identity;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      match authors to Salesforce Contacts and Leads
 * @param ttl          how long a match (or a miss) is cached
 * @param cacheSize    how many authors' matches are cached at most (the least recently used go first)
 * @param handleFields per channel, the Contact and Lead field that holds the author's handle on that channel
 */
@ConfigurationProperties("socialwire.identity")
public record IdentityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration ttl,
        @DefaultValue("10000") long cacheSize,
        Map<String, String> handleFields) {

    public Map<String, String> handleFields() {
        return handleFields == null ? Map.of() : handleFields;
    }
}
