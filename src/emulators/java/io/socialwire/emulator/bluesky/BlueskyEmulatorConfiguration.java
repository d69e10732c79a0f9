package io.socialwire.emulator.bluesky;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The Bluesky Jetstream emulator: the WebSocket at {@code /emulators/bluesky/subscribe}, and
 * {@code POST /emulators/bluesky/events} to add an event in Jetstream's shape (a demo or a test "posts").
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
class BlueskyEmulatorConfiguration implements WebSocketConfigurer {

    private final JetstreamEmulator jetstream;
    private final String path;

    BlueskyEmulatorConfiguration(ObjectMapper json,
                                 @Value("${socialwire.emulators.bluesky-path:/emulators/bluesky}") String path) {
        this.jetstream = new JetstreamEmulator(json);
        this.path = path;
    }

    @Bean
    JetstreamEmulator jetstreamEmulator() {
        return jetstream;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(jetstream, path + "/subscribe");
    }

    @RestController
    @ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
    @RequestMapping("${socialwire.emulators.bluesky-path:/emulators/bluesky}")
    static class Events {

        private final JetstreamEmulator jetstream;

        Events(JetstreamEmulator jetstream) {
            this.jetstream = jetstream;
        }

        @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<JsonNode> publish(@RequestBody JsonNode event) throws IOException {
            if (!event.isObject() || !event.has("did") || !event.has("kind")) {
                return ResponseEntity.badRequest().body(new ObjectMapper().valueToTree(
                        Map.of("error", "an event needs did and kind")));
            }
            return ResponseEntity.status(201).body(jetstream.publish((ObjectNode) event));
        }
    }
}
