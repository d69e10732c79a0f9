package io.socialwire.emulator.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the HTTP targets: a marketing-automation system's event endpoint and a Slack-compatible incoming
 * webhook. Every POST to {@code /emulators/receiver/{name}} is recorded with its headers and body and answered
 * {@code ok} the way Slack answers; {@code GET} on the same path lists what arrived, {@code DELETE} forgets it.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("/emulators/receiver")
public class HttpReceiverEmulator {

    /** One delivery as it arrived: headers by lower-case name, the body as text. */
    public record Delivery(Instant receivedAt, Map<String, String> headers, String body) {
    }

    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();

    @PostMapping(path = "/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> receive(@PathVariable String name, @RequestBody(required = false) byte[] body,
                                          HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaderNames().asIterator().forEachRemaining(h -> headers.put(h.toLowerCase(),
                request.getHeader(h)));
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        received.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                .add(new Delivery(Instant.now(), headers, text));
        return ResponseEntity.ok("ok");
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Delivery> deliveries(@PathVariable String name) {
        return new ArrayList<>(received.getOrDefault(name, List.of()));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> forget(@PathVariable String name) {
        received.remove(name);
        return ResponseEntity.noContent().build();
    }
}
