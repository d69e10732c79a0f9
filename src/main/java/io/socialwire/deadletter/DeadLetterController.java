package io.socialwire.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * {@code GET /api/dlq}: the dead letters (optionally of one target, whose reason contains some words, or only those
 * not replayed yet). {@code GET /api/dlq/{interactionId}}: the newest dead letter of an interaction with its payload,
 * personal data masked unless {@code unmask=true}.
 * {@code POST /api/dlq/replay}: puts dead letters back into dispatch, once the cause is fixed: {@code all}, those
 * of a {@code target}, or those of the interaction {@code ids}. An entry replayed before is left alone unless
 * {@code again} is true.
 */
@RestController
class DeadLetterController {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterController.class);

    /** What to replay; exactly one of all, target and ids. */
    record ReplayRequest(Boolean all, String target, Set<String> ids, Boolean again) {
    }

    private final DeadLetterStore store;
    private final ObjectMapper json;

    DeadLetterController(DeadLetterStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping(path = "/api/dlq", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> list(@RequestParam(required = false) String target,
                             @RequestParam(required = false) String reason,
                             @RequestParam(defaultValue = "false") boolean pending) {
        String words = reason == null || reason.isBlank() ? null : reason.strip().toLowerCase(Locale.ROOT);
        List<DeadLetter> entries = store.list(e -> (target == null || target.equals(e.target()))
                && (words == null || e.reason() != null && e.reason().toLowerCase(Locale.ROOT).contains(words))
                && (!pending || e.replayedAt() == null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", entries.size());
        body.put("entries", entries);
        return body;
    }

    /** {@code /api/dlq/entry?interaction=}: for an id a path cannot hold (a Bluesky id has slashes). */
    @GetMapping(path = "/api/dlq/entry", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> entry(@RequestParam String interaction,
                                              @RequestParam(defaultValue = "false") boolean unmask) {
        return one(interaction, unmask);
    }

    @GetMapping(path = "/api/dlq/{interactionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> one(@PathVariable String interactionId,
                                            @RequestParam(defaultValue = "false") boolean unmask) {
        DeadLetterStore.WithPayload found = store.newest(interactionId).orElse(null);
        if (found == null) {
            return ResponseEntity.status(404).body(Map.of("error", "no dead letter of interaction " + interactionId));
        }
        JsonNode payload;
        try {
            payload = found.payload() == null ? null : json.readTree(found.payload());
        } catch (JsonProcessingException notJson) {
            payload = null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entry", found.entry());
        if (unmask) {
            LOG.info("The dead letter of interaction {} was shown unmasked", interactionId);
        }
        body.put("masked", !unmask);
        body.put("payload", unmask ? payload : PersonalData.masked(payload));
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "?" + e.getParameterName() + "= is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mistyped(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getName() + " must be true or false"));
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
