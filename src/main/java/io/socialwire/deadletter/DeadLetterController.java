package io.socialwire.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dlq}: the dead letters (optionally of one target, or only those not replayed yet).
 * {@code POST /api/dlq/replay}: puts dead letters back into dispatch, once the cause is fixed: {@code all}, those
 * of a {@code target}, or those of the interaction {@code ids}. An entry replayed before is left alone unless
 * {@code again} is true.
 */
@RestController
class DeadLetterController {

    /** What to replay; exactly one of all, target and ids. */
    record ReplayRequest(Boolean all, String target, Set<String> ids, Boolean again) {
    }

    private final DeadLetterStore store;

    DeadLetterController(DeadLetterStore store) {
        this.store = store;
    }

    @GetMapping(path = "/api/dlq", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> list(@RequestParam(required = false) String target,
                             @RequestParam(defaultValue = "false") boolean pending) {
        List<DeadLetter> entries = store.list(e -> (target == null || target.equals(e.target()))
                && (!pending || e.replayedAt() == null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", entries.size());
        body.put("entries", entries);
        return body;
    }

    @PostMapping(path = "/api/dlq/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> replay(@RequestBody(required = false) ReplayRequest request)
            throws ExecutionException, InterruptedException {
        int chosen = request == null ? 0 : (Boolean.TRUE.equals(request.all()) ? 1 : 0)
                + (request.target() != null ? 1 : 0) + (request.ids() != null ? 1 : 0);
        if (chosen != 1) {
            return ResponseEntity.badRequest().body(Map.of("error",
                    "say which dead letters to replay: {\"all\":true}, {\"target\":\"...\"} or {\"ids\":[...]}"));
        }
        Predicate<DeadLetter> which = Boolean.TRUE.equals(request.all()) ? e -> true
                : request.target() != null ? e -> request.target().equals(e.target())
                : e -> request.ids().contains(e.interactionId());
        Predicate<DeadLetter> notYet = Boolean.TRUE.equals(request.again()) ? e -> true : e -> e.replayedAt() == null;
        List<DeadLetter> replayed = store.replay(which.and(notYet));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", replayed.size());
        body.put("entries", replayed);
        return ResponseEntity.ok(body);
    }
}
