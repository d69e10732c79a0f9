package io.socialwire.state;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Answers other instances of the hub for the state keys this one owns (see {@link HubState#getAll}). */
@RestController
class StateController {

    private final HubState state;

    StateController(HubState state) {
        this.state = state;
    }

    /** 200 with the values (null: no entry), or 409 when a key is not (or no longer) this instance's. */
    @PostMapping("/api/state/{store}")
    ResponseEntity<Map<String, String>> owned(@PathVariable String store, @RequestBody List<String> keys) {
        Map<String, String> values;
        try {
            values = state.getOwned(store, keys);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
        return values == null ? ResponseEntity.status(HttpStatus.CONFLICT).build() : ResponseEntity.ok(values);
    }
}
