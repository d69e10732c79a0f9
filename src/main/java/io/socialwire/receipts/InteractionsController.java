package io.socialwire.receipts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/interactions/{id}}: where an interaction went, from its receipts. */
@RestController
class InteractionsController {

    private final Receipts receipts;

    InteractionsController(Receipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/api/interactions/{id}")
    ResponseEntity<Map<String, Object>> where(@PathVariable String id) {
        List<Receipt> found = receipts.of(id);
        if (found.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "no receipt for interaction " + id
                    + " (not received, or not dispatched yet)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interactionId", id);
        body.put("receipts", found);
        return ResponseEntity.ok(body);
    }
}
