package io.socialwire.emulator;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a workload cost the emulated systems: {@code GET /emulators/stats} counts the API requests each emulator
 * served, by operation ({@code DELETE} resets the counts, to measure one phase); {@code GET /emulators/records}
 * lists the records created after a sequence number with their creation time in epoch milliseconds and the
 * {@code ref:<token>} their fields held, optionally only refs starting with a prefix
 * ({@code ?after=0&ref=bench-&limit=10000}; ask again after the answer's {@code next}).
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
class StatsController {

    private final EmulatorStats stats;
    private final CreatedRecords records;

    StatsController(EmulatorStats stats, CreatedRecords records) {
        this.stats = stats;
        this.records = records;
    }

    @GetMapping("/emulators/stats")
    Map<String, Map<String, Long>> stats() {
        return stats.snapshot();
    }

    @DeleteMapping("/emulators/stats")
    ResponseEntity<Void> reset() {
        stats.reset();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/emulators/records")
    CreatedRecords.Page records(@RequestParam(defaultValue = "0") long after,
                                @RequestParam(required = false) String ref,
                                @RequestParam(defaultValue = "10000") int limit) {
        return records.after(after, ref, Math.max(1, Math.min(limit, 100_000)));
    }
}
