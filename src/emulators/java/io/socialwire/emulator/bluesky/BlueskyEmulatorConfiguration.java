package io.socialwire.emulator.bluesky;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The Bluesky emulator: the Jetstream WebSocket at {@code /emulators/bluesky/subscribe}, and
 * {@code POST /emulators/bluesky/events} to add an event in Jetstream's shape (a demo or a test "posts"); and the
 * brand account's PDS at {@code /emulators/bluesky/xrpc/...} ({@link BlueskyPds}): {@code com.atproto.server.createSession}
 * with the brand's handle or DID and its app password ({@code socialwire.emulators.bluesky-*}),
 * {@code com.atproto.repo.getRecord}, {@code createRecord} and {@code listRecords}, with AT Protocol's errors
 * ({@code {"error":..,"message":..}}, 400 or 401). A post the brand creates goes out on the Jetstream too.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
class BlueskyEmulatorConfiguration implements WebSocketConfigurer {

    private final JetstreamEmulator jetstream;
    private final BlueskyPds pds;
    private final String path;

    BlueskyEmulatorConfiguration(ObjectMapper json, Clock clock,
                                 @Value("${socialwire.emulators.bluesky-path:/emulators/bluesky}") String path,
                                 @Value("${socialwire.emulators.bluesky-did:did:plc:acme}") String did,
                                 @Value("${socialwire.emulators.bluesky-handle:acme.bsky.social}") String handle,
                                 @Value("${socialwire.emulators.bluesky-app-password:local-bluesky-app-password}")
                                 String appPassword,
                                 @Value("${socialwire.emulators.bluesky-session-ttl:2h}") Duration sessionTtl) {
        this.jetstream = new JetstreamEmulator(json);
        this.pds = new BlueskyPds(json, clock, did, handle, appPassword, sessionTtl);
        this.path = path;
    }

    @Bean
    JetstreamEmulator jetstreamEmulator() {
        return jetstream;
    }

    @Bean
    BlueskyPds blueskyPds() {
        return pds;
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
        private final BlueskyPds pds;

        Events(JetstreamEmulator jetstream, BlueskyPds pds) {
            this.jetstream = jetstream;
            this.pds = pds;
        }

        @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<JsonNode> publish(@RequestBody JsonNode event) throws IOException {
            if (!event.isObject() || !event.has("did") || !event.has("kind")) {
                return ResponseEntity.badRequest().body(new ObjectMapper().valueToTree(
                        Map.of("error", "an event needs did and kind")));
            }
            pds.saw(event);
            return ResponseEntity.status(201).body(jetstream.publish((ObjectNode) event));
        }
    }

    @RestController
    @ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
    @RequestMapping(path = "${socialwire.emulators.bluesky-path:/emulators/bluesky}/xrpc",
            produces = MediaType.APPLICATION_JSON_VALUE)
    static class Xrpc {

        private final BlueskyPds pds;
        private final JetstreamEmulator jetstream;

        Xrpc(BlueskyPds pds, JetstreamEmulator jetstream) {
            this.pds = pds;
            this.jetstream = jetstream;
        }

        @PostMapping("/com.atproto.server.createSession")
        JsonNode createSession(@RequestBody JsonNode input) {
            return pds.createSession(input);
        }

        @GetMapping("/com.atproto.repo.getRecord")
        JsonNode getRecord(@RequestParam(required = false) String repo,
                           @RequestParam(required = false) String collection,
                           @RequestParam(required = false) String rkey) {
            return pds.getRecord(repo, collection, rkey);
        }

        @PostMapping("/com.atproto.repo.createRecord")
        JsonNode createRecord(@RequestHeader(value = "Authorization", required = false) String authorization,
                              @RequestBody JsonNode input) throws IOException {
            ObjectNode created = pds.createRecord(authorization, input);
            jetstream.publish(pds.createdEvent(created));
            return created;
        }

        @GetMapping("/com.atproto.repo.listRecords")
        JsonNode listRecords(@RequestParam(required = false) String repo,
                             @RequestParam(required = false) String collection,
                             @RequestParam(defaultValue = "50") int limit) {
            return pds.listRecords(repo, collection, limit);
        }

        @ExceptionHandler(BlueskyPds.XrpcError.class)
        ResponseEntity<Map<String, String>> refused(BlueskyPds.XrpcError error) {
            return ResponseEntity.status(error.status).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", error.error, "message", error.getMessage()));
        }
    }
}
