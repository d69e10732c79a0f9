package io.socialwire.sinks.http;

/**
 * An HTTP target answered with an error status. The message names the target and status only: the URL may itself
 * be a secret (a Slack incoming webhook) and must not reach logs or dead-letter headers.
 */
public class TargetRefusedException extends RuntimeException {

    private final int status;

    public TargetRefusedException(String target, int status, String reason) {
        super(target + " answered HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason));
        this.status = status;
    }

    /** A refusal described by the caller (the reason names the target and its error codes, never the record). */
    public TargetRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The status a target answered, from the first failure in the chain that carries one. */
    public static java.util.OptionalInt statusIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            java.util.OptionalInt status = statusOf(t);
            if (status.isPresent()) {
                return status;
            }
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * The status a target answered, from the failure its component threw. Components share no exception type, but
     * each carries the status in a {@code getStatusCode()} or {@code getCode()} accessor (camel-http, camel-salesforce,
     * camel-servicenow, the Zendesk client): reading that accessor lets a target added in YAML alone be classified.
     */
    public static java.util.OptionalInt statusOf(Throwable t) {
        if (t instanceof TargetRefusedException refused) {
            return java.util.OptionalInt.of(refused.status());
        }
        for (String accessor : new String[] {"getStatusCode", "getCode"}) {
            try {
                Object value = t.getClass().getMethod(accessor).invoke(t);
                if (value instanceof Integer status && status >= 100 && status < 600) {
                    return java.util.OptionalInt.of(status);
                }
            } catch (ReflectiveOperationException | RuntimeException noStatus) {
                // not a status-bearing failure
            }
        }
        return java.util.OptionalInt.empty();
    }
}
