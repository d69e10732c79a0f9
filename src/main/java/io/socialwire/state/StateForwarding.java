package io.socialwire.state;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks the instance that owns some keys of a state store for their values ({@code POST /api/state/{store}}, with the
 * API token every instance of a hub shares). Null when it cannot answer for all of them now: it is starting, or the
 * partitions moved; the caller asks again.
 */
@Component
class StateForwarding {

    private static final Logger LOG = LoggerFactory.getLogger(StateForwarding.class);
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private final String token;

    StateForwarding(ObjectMapper json, @Value("${socialwire.api.token:}") String token) {
        this.json = json;
        this.token = token;
    }

    Map<String, String> fetch(HostInfo owner, String store, Collection<String> keys) {
        if (token.isBlank()) {
            throw new IllegalStateException("Another hub instance owns part of the state: set SOCIALWIRE_API_TOKEN"
                    + " (the same on every instance) so they can ask each other");
        }
        try {
            // an IPv6 pod address goes in brackets
            String host = owner.host().contains(":") ? "[" + owner.host() + "]" : owner.host();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + owner.port()
                            + "/api/state/" + store))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(keys))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return json.readValue(response.body(), VALUES);
            }
            LOG.debug("{} answered {} for keys of {}", owner, response.statusCode(), store);
            return null;
        } catch (IOException e) {
            LOG.debug("{} unreachable for keys of {}: {}", owner, store, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
