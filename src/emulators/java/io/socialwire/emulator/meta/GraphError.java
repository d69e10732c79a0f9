package io.socialwire.emulator.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An error the Graph API answers as {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}, with
 * HTTP 400 for the usual OAuth and parameter errors.
 */
final class GraphError extends RuntimeException {

    static final String OUTSIDE_WINDOW = "(#10) This message is sent outside of allowed window.";

    private final int status;
    private final int code;
    private final Integer subcode;

    private GraphError(int status, String message, int code, Integer subcode) {
        super(message);
        this.status = status;
        this.code = code;
        this.subcode = subcode;
    }

    static GraphError invalidToken() {
        return new GraphError(400, "Invalid OAuth access token - Cannot parse access token", 190, null);
    }

    static GraphError parameter(String message) {
        return new GraphError(400, "(#100) " + message, 100, null);
    }

    static GraphError noSuchObject(String id) {
        return new GraphError(400, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation. Please read the Graph "
                + "API documentation at https://developers.facebook.com/docs/graph-api", 100, 33);
    }

    static GraphError outsideWindow() {
        return new GraphError(400, OUTSIDE_WINDOW, 10, 2018278);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body(getMessage(), code, subcode);
    }

    /** Graph's error body; also what an injected fault answers. */
    static Map<String, Object> body(String message, int code, Integer subcode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        return Map.of("error", error);
    }
}
