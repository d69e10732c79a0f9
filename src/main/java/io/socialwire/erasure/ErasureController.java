package io.socialwire.erasure;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/erasure} {@code {"channel":"x","authorId":"42"}}: erases that person (see ErasureService). */
@RestController
class ErasureController {

    record ErasureRequest(String channel, String authorId) {
    }

    private final ErasureService erasure;

    ErasureController(ErasureService erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/api/erasure")
    ResponseEntity<?> erase(@RequestBody(required = false) ErasureRequest request) {
        if (request == null || request.channel() == null || request.channel().isBlank()
                || request.authorId() == null || request.authorId().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "channel and authorId are required"));
        }
        return ResponseEntity.ok(erasure.erase(request.channel(), request.authorId()));
    }
}
