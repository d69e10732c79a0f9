package io.socialwire.channels.x;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The X API v2 polling source.
 *
 * @param baseUrl     the API, without the version: https://api.x.com (or the emulator)
 * @param bearerToken app-only bearer token (X_BEARER_TOKEN); empty turns the source off
 * @param query       recent-search query, e.g. "@acme -is:retweet"
 * @param mentionsOf  the account (username) whose mentions are polled; empty turns that poll off
 * @param interval    time between polls; with one request a poll, 1 minute is 60 requests an hour
 * @param maxResults  tweets a page (10..100)
 * @param maxPages    pages a poll reads at most, so one busy poll cannot use the whole rate-limit window
 */
@ConfigurationProperties("socialwire.channels.x-v2")
public record XV2Properties(
        String baseUrl,
        String bearerToken,
        @DefaultValue("@acme") String query,
        String mentionsOf,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("100") int maxResults,
        @DefaultValue("5") int maxPages) {

    public boolean enabled() {
        return bearerToken != null && !bearerToken.isBlank() && baseUrl != null && !baseUrl.isBlank();
    }
}
