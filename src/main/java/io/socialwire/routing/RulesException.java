package io.socialwire.routing;

/** The routing rules cannot be used as written; the message says which rule and field. */
public class RulesException extends RuntimeException {

    public RulesException(String message) {
        super(message);
    }

    public RulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
