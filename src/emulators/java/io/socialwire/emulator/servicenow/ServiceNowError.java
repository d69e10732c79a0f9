package io.socialwire.emulator.servicenow;

/** A Table API error; the emulator answers it as {@code {"error":{"message","detail"},"status":"failure"}}. */
final class ServiceNowError extends RuntimeException {

    private final int status;
    private final String detail;

    ServiceNowError(int status, String message, String detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }
}
