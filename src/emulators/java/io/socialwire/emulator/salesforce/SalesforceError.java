package io.socialwire.emulator.salesforce;

import java.util.List;

/** A Salesforce REST error: the emulator answers a JSON array of these with the status. */
final class SalesforceError extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final List<String> fields;

    SalesforceError(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    SalesforceError(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    List<String> fields() {
        return fields;
    }
}
