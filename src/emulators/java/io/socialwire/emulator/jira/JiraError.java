package io.socialwire.emulator.jira;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error Jira answers as {@code {"errorMessages":[...],"errors":{"field":"message"}}}. */
final class JiraError extends RuntimeException {

    static final String NO_ISSUE = "Issue does not exist or you do not have permission to see it.";

    private final int status;
    private final List<String> errorMessages;
    private final Map<String, String> errors;

    JiraError(int status, List<String> errorMessages, Map<String, String> errors) {
        super(errorMessages.isEmpty() ? String.valueOf(errors) : errorMessages.get(0));
        this.status = status;
        this.errorMessages = errorMessages;
        this.errors = errors;
    }

    static JiraError message(int status, String message) {
        return new JiraError(status, List.of(message), Map.of());
    }

    static JiraError fields(Map<String, String> errors) {
        return new JiraError(400, List.of(), errors);
    }

    static JiraError noIssue() {
        return message(404, NO_ISSUE);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessages", errorMessages);
        body.put("errors", errors);
        return body;
    }
}
