package io.socialwire.emulator.bluesky;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A Bluesky Jetstream endpoint: a WebSocket that sends JSON events (`did`, `time_us`, `kind`, `commit`) as
 * Jetstream does, filtered by {@code wantedCollections} and {@code wantedDids}, replaying from {@code cursor}
 * (microseconds) and then live. Events enter through {@link #publish} (the emulator's HTTP side).
 */
public class JetstreamEmulator extends TextWebSocketHandler {

    private record Subscription(List<String> collections, List<String> dids) {
        /** wantedCollections filters commits only: identity and account events always go out, as on Jetstream. */
        boolean wants(JsonNode event) {
            String collection = event.path("commit").path("collection").asText("");
            boolean commit = "commit".equals(event.path("kind").asText());
            return (!commit || collections.isEmpty() || collections.contains(collection))
                    && (dids.isEmpty() || dids.contains(event.path("did").asText()));
        }
    }

    private final ObjectMapper json;
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<WebSocketSession, Subscription> sessions = new ConcurrentHashMap<>();
    private long lastTimeUs;

    public JetstreamEmulator(ObjectMapper json) {
        this.json = json;
    }

    /** Adds an event (its time_us is assigned when missing) and sends it to every subscriber that wants it. */
    public synchronized JsonNode publish(ObjectNode event) throws IOException {
        long now = Math.max(System.currentTimeMillis() * 1000, lastTimeUs + 1);
        if (!event.has("time_us")) {
            event.put("time_us", now);
        }
        lastTimeUs = Math.max(lastTimeUs, event.path("time_us").asLong());
        events.add(event);
        for (Map.Entry<WebSocketSession, Subscription> s : sessions.entrySet()) {
            if (s.getValue().wants(event) && s.getKey().isOpen()) {
                s.getKey().sendMessage(new TextMessage(json.writeValueAsString(event)));
            }
        }
        return event;
    }

    @Override
    public synchronized void afterConnectionEstablished(WebSocketSession session) throws IOException {
        URI uri = session.getUri();
        Map<String, List<String>> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        Subscription subscription = new Subscription(query.getOrDefault("wantedCollections", List.of()),
                query.getOrDefault("wantedDids", List.of()));
        long cursor = query.containsKey("cursor") ? Long.parseLong(query.get("cursor").get(0)) : Long.MAX_VALUE;
        for (JsonNode event : events) {
            if (event.path("time_us").asLong() > cursor && subscription.wants(event)) {
                session.sendMessage(new TextMessage(json.writeValueAsString(event)));
            }
        }
        sessions.put(session, subscription);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.remove(session);
    }

    /** Drops every subscriber, as a Jetstream instance that restarts does. */
    public void disconnectAll() throws IOException {
        for (WebSocketSession session : sessions.keySet()) {
            session.close(CloseStatus.SERVICE_RESTARTED);
        }
    }

    public int subscribers() {
        return sessions.size();
    }
}
