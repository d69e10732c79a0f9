package io.socialwire.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /emulators/faults}: inject faults at run time. POST
 * {@code {"method":"POST","path":"/api/now/table/incident","kind":"STATUS","status":429,"retryAfterSeconds":2,
 * "times":3}} (kinds: STATUS, SLOW, TIMEOUT, RESET, TRUNCATED; {@code delayMs} for SLOW and TIMEOUT); GET lists
 * what is pending; DELETE clears.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("/emulators/faults")
class FaultsController {

    record FaultRequest(String method, String path, EmulatorFaults.Kind kind, Integer status,
                        Integer retryAfterSeconds, Long delayMs, Integer times) {
    }

    private final EmulatorFaults faults;

    FaultsController(EmulatorFaults faults) {
        this.faults = faults;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> add(@RequestBody FaultRequest request) {
        if (request.method() == null || request.path() == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "method and path are required"));
        }
        EmulatorFaults.Kind kind = request.kind() == null ? EmulatorFaults.Kind.STATUS : request.kind();
        if (kind == EmulatorFaults.Kind.STATUS && request.status() == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "a STATUS fault needs a status"));
        }
        faults.add(new EmulatorFaults.Fault(request.method(), request.path(), kind,
                request.status() == null ? 0 : request.status(), request.retryAfterSeconds(),
                request.delayMs() == null ? 0 : request.delayMs(),
                new AtomicInteger(request.times() == null ? 1 : request.times())));
        return ResponseEntity.status(201).body(Map.of("pending", faults.pending().size()));
    }

    @GetMapping
    List<EmulatorFaults.Fault> pending() {
        return faults.pending();
    }

    @DeleteMapping
    ResponseEntity<Void> clear() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }
}
