package io.socialwire.channels.bluesky;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Bluesky Jetstream source.
 *
 * @param url       the Jetstream subscribe endpoint, e.g. wss://jetstream2.us-east.bsky.network/subscribe
 * @param accounts  the brand's DIDs: posts mentioning them or replying to them become interactions
 * @param rewind    how far before the stored cursor a reconnect starts (Jetstream's advice; repeats are dropped)
 * @param reconnect wait before reconnecting after the stream closed
 */
@ConfigurationProperties("socialwire.channels.bluesky")
public record BlueskyProperties(
        String url,
        List<String> accounts,
        @DefaultValue("5s") Duration rewind,
        @DefaultValue("2s") Duration reconnect) {

    public boolean enabled() {
        return url != null && !url.isBlank() && accounts != null && !accounts.isEmpty();
    }
}
