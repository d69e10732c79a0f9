package io.socialwire.channels.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the Bluesky Jetstream WebSocket and hands each event to the route {@code direct:bluesky-event}, one at a
 * time (the next is requested only when the route is done with this one). Reconnects from the stored cursor,
 * rewound a little, when the stream closes.
 */
@Component("bluesky")
@EnableConfigurationProperties(BlueskyProperties.class)
public class JetstreamSource implements SmartLifecycle, WebSocket.Listener {

    static final String CURSOR = "bluesky-jetstream";
    private static final Logger LOG = LoggerFactory.getLogger(JetstreamSource.class);

    private final BlueskyProperties properties;
    private final Cursors cursors;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final JetstreamNormalizer normalizer;
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean running;
    private volatile long backoffMillis;
    private volatile WebSocket socket;

    public JetstreamSource(BlueskyProperties properties, Cursors cursors, ProducerTemplate camel, ObjectMapper json) {
        this.properties = properties;
        this.cursors = cursors;
        this.camel = camel;
        this.json = json;
        this.normalizer = new JetstreamNormalizer(properties.accounts() == null ? List.of() : properties.accounts());
    }

    /**
     * The route step: the event as interactions (none or one), and the cursor it moves to. Events at or before the
     * cursor were read already (a reconnect rewinds a little) and are dropped.
     */
    public List<SocialInteraction> normalize(Exchange exchange) throws IOException {
        JsonNode event = json.readTree(exchange.getMessage().getBody(String.class));
        if (!cursors.isNew(exchange, CURSOR, event.path("time_us").asLong())) {
            return List.of();
        }
        return normalizer.normalize(event).map(List::of).orElse(List.of());
    }

    @Override
    public void start() {
        running = true;
        if (!properties.enabled()) {
            LOG.info("Bluesky Jetstream is off: socialwire.channels.bluesky.url or accounts is not set");
            return;
        }
        connect();
    }

    @Override
    public void stop() {
        running = false;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        reconnects.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Camel's routes have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void connect() {
        String cursor = cursors.get(CURSOR);
        String url = properties.url() + (properties.url().contains("?") ? "&" : "?") + "wantedCollections="
                + URLEncoder.encode("app.bsky.feed.post", StandardCharsets.UTF_8)
                + (cursor == null ? "" : "&cursor=" + (Long.parseLong(cursor) - properties.rewind().toNanos() / 1000));
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        LOG.warn("Bluesky Jetstream: cannot connect ({}); retrying", failure.getMessage());
                        scheduleReconnect();
                    } else {
                        socket = ws;
                        backoffMillis = 0;
                        LOG.info("Bluesky Jetstream connected{}", cursor == null ? "" : " from cursor " + cursor);
                    }
                });
    }

    /** Waits the configured time, doubling after each failure up to a minute, so a dead endpoint is not hammered. */
    private void scheduleReconnect() {
        if (running && !reconnects.isShutdown()) {
            backoffMillis = backoffMillis == 0 ? properties.reconnect().toMillis() : Math.min(60_000, backoffMillis * 2);
            reconnects.schedule(this::connect, backoffMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String event = partial.toString();
            partial.setLength(0);
            try {
                camel.requestBody("direct:bluesky-event", event);
            } catch (RuntimeException e) {
                // not stored: the cursor did not move, so a reconnect reads this event again
                LOG.warn("Bluesky Jetstream event failed ({}); reconnecting from the cursor", e.getMessage());
                webSocket.abort();
                scheduleReconnect();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        LOG.info("Bluesky Jetstream closed ({} {}); reconnecting", statusCode, reason);
        scheduleReconnect();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.warn("Bluesky Jetstream error: {}; reconnecting", error.getMessage());
        scheduleReconnect();
    }
}
