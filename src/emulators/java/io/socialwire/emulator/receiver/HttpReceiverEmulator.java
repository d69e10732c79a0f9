package io.socialwire.emulator.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.socialwire.emulator.EmulatorJournal;
import io.socialwire.emulator.EmulatorProperties;
import jakarta.annotation.PreDestroy;
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
 * What arrived is kept on disk ({@link EmulatorJournal}).
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("/emulators/receiver")
public class HttpReceiverEmulator {

    /** One delivery as it arrived: headers by lower-case name, the body as text. */
    public record Delivery(Instant receivedAt, Map<String, String> headers, String body) {
    }

    /** One delivery to a name, on disk; no delivery: the name's deliveries were forgotten. */
    record Saved(String name, Delivery delivery) {
    }

    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();
    private final EmulatorJournal disk;

    public HttpReceiverEmulator(EmulatorProperties properties) {
        this.disk = EmulatorJournal.open(properties.dataDir(), "receiver");
        disk.restore(Saved.class, this::replay, () -> received.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(d -> new Saved(e.getKey(), d))).toList());
    }

    private void replay(Saved saved) {
        if (saved.delivery() == null) {
            received.remove(saved.name());
        } else {
            received.computeIfAbsent(saved.name(), k -> new CopyOnWriteArrayList<>()).add(saved.delivery());
        }
    }

    @PreDestroy
    void close() {
        disk.close();
    }

    @PostMapping(path = "/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> receive(@PathVariable String name, @RequestBody(required = false) byte[] body,
                                          HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaderNames().asIterator().forEachRemaining(h -> headers.put(h.toLowerCase(),
                request.getHeader(h)));
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Delivery delivery = new Delivery(Instant.now(), headers, text);
        synchronized (received) {
            received.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(delivery);
            disk.append(new Saved(name, delivery));
        }
        return ResponseEntity.ok("ok");
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Delivery> deliveries(@PathVariable String name) {
        return new ArrayList<>(received.getOrDefault(name, List.of()));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> forget(@PathVariable String name) {
        synchronized (received) {
            received.remove(name);
            disk.append(new Saved(name, null));
        }
        return ResponseEntity.noContent().build();
    }
}
