package io.socialwire.routing;

/** The routing rules cannot be used as written; the message says which rule and field. */
public class RulesException extends RuntimeException {

    private final String field;

    public RulesException(String message) {
        this(null, message, null);
    }

    public RulesException(String message, Throwable cause) {
        this(null, message, cause);
    }

    private RulesException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** A refusal of one field, by its path within the rule ({@code when.regex}), so the file's line can be found. */
    static RulesException at(String field, String message) {
        return new RulesException(field, message, null);
    }

    /** The refused field's path within its rule, or null. */
    String field() {
        return field;
    }
}
