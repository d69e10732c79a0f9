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
}
