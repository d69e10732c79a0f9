package io.socialwire.emulator.zendesk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error Zendesk answers as {@code {"error":"RecordInvalid","description":"Record validation errors",
 * "details":{"field":[{"description","error"}]}}} (422), {@code {"error":"RecordNotFound","description":"Not found"}}
 * (404) or {@code {"error":"Couldn't authenticate you"}} (401).
 */
final class ZendeskError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private ZendeskError(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")));
        this.status = status;
        this.body = body;
    }

    static ZendeskError notFound() {
        return new ZendeskError(404, body("RecordNotFound", "Not found"));
    }

    static ZendeskError unauthenticated() {
        return new ZendeskError(401, Map.of("error", "Couldn't authenticate you"));
    }

    static ZendeskError forbidden() {
        return new ZendeskError(403, body("Forbidden", "You do not have access to this page. Please contact the "
                + "account owner of this help desk for further help."));
    }

    static ZendeskError badRequest(String error, String description) {
        return new ZendeskError(400, body(error, description));
    }

    static ZendeskError unsupportedMediaType() {
        return new ZendeskError(415, body("UnsupportedMediaType", "Send the body as application/json"));
    }

    /** A 422 with the failed checks by field, each {@code [description, error code]}. */
    static ZendeskError invalid(Map<String, List<String[]>> failures) {
        Map<String, Object> details = new LinkedHashMap<>();
        failures.forEach((field, checks) -> details.put(field, checks.stream().map(check -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("description", check[0]);
            detail.put("error", check[1]);
            return detail;
        }).toList()));
        Map<String, Object> body = body("RecordInvalid", "Record validation errors");
        body.put("details", details);
        return new ZendeskError(422, body);
    }

    /** {@code {"error","description"}} in Zendesk's order. */
    private static Map<String, Object> body(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("description", description);
        return body;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
