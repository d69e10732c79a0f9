package io.socialwire.emulator.linkedin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.emulator.BasicCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LinkedIn's Community Management API as an organization's comments see it, at {@code /emulators/linkedin}:
 * {@code POST /rest/socialActions/{urn}/comments} (a comment on a post, or a reply to a comment with
 * {@code parentComment}) as the organization, and {@code GET} of the same path. The member token
 * ({@code LINKEDIN_ACCESS_TOKEN}) and the {@code LinkedIn-Version} header are required, as LinkedIn requires them;
 * errors have LinkedIn's shape ({@code {"status":..,"message":..}}). Comments are kept in memory.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "/emulators/linkedin/rest/socialActions", produces = MediaType.APPLICATION_JSON_VALUE)
public class LinkedInEmulator {

    private final String token;
    private final Map<String, List<Map<String, Object>>> comments = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(7_100_000_000_000_000_000L);

    public LinkedInEmulator(@Value("${socialwire.emulators.linkedin-token:local-linkedin-token}") String token) {
        this.token = token;
    }

    @PostMapping(path = "/{target}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Map<String, Object>> comment(@PathVariable String target,
            @RequestBody JsonNode body, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(value = "LinkedIn-Version", required = false) String version) {
        ResponseEntity<Map<String, Object>> refused = refuse(auth, version);
        if (refused != null) {
            return refused;
        }
        String actor = body.path("actor").asText(null);
        String text = body.path("message").path("text").asText(null);
        if (actor == null || !actor.startsWith("urn:li:organization:") || text == null || text.isBlank()
                || !body.hasNonNull("object")) {
            return error(422, "ERROR :: /message/text :: field is required but not found and has no default value");
        }
        String urn = "urn:li:comment:(" + body.path("object").asText() + "," + ids.incrementAndGet() + ")";
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("$URN", urn);
        comment.put("actor", actor);
        comment.put("object", body.path("object").asText());
        comment.put("message", Map.of("text", text));
        if (body.hasNonNull("parentComment")) {
            comment.put("parentComment", body.path("parentComment").asText());
        }
        comments.computeIfAbsent(target, k -> new ArrayList<>()).add(comment);
        return ResponseEntity.status(201).header("x-restli-id", urn).body(comment);
    }

    @GetMapping("/{target}/comments")
    public synchronized ResponseEntity<Map<String, Object>> comments(@PathVariable String target,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(value = "LinkedIn-Version", required = false) String version) {
        ResponseEntity<Map<String, Object>> refused = refuse(auth, version);
        if (refused != null) {
            return refused;
        }
        return ResponseEntity.ok(Map.of("elements", List.copyOf(comments.getOrDefault(target, List.of()))));
    }

    private ResponseEntity<Map<String, Object>> refuse(String auth, String version) {
        if (!BasicCredentials.same(BasicCredentials.bearer(auth), token)) {
            return error(401, "Invalid access token");
        }
        if (version == null || !version.matches("\\d{6}")) {
            return error(426, "A version must be present. Please specify a version by adding the LinkedIn-Version "
                    + "header.");
        }
        return null;
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status, "message", message));
    }
}
