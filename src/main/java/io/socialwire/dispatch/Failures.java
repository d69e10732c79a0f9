package io.socialwire.dispatch;

import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.targets.Targets;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Tells failures retrying cannot fix (the target refused the record as invalid, or the record itself is not an
 * interaction) from those it can (timeouts, rate limits, outages, expired credentials), and describes them for
 * the dead-letter headers without quoting record content. Which answers a target refuses with is its own
 * ({@code socialwire.targets.<system>.refusals}); the target is the exchange's {@code target} property, named
 * {@code <system>} or {@code <system>-<record>}.
 */
@Component("failures")
public class Failures {

    private final Targets targets;

    public Failures(Targets targets) {
        this.targets = targets;
    }

    /** Called while the exchange still carries its exception, to choose the error handling. */
    public boolean isPermanent(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isPermanentFailure(failure, exchange.getProperty(DeadLetters.TARGET_PROPERTY, String.class));
    }

    /** True when {@code failure}, from a call to {@code target}, says the record is refused. */
    public boolean isPermanentFailure(Throwable failure, String target) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return true;
            }
            OptionalInt status = TargetRefusedException.statusOf(t);
            if (status.isPresent()) {
                return targets.isRefusal(targets.systemOf(target), status.getAsInt(), describe(failure));
            }
        }
        return false;
    }

    /** True when the target answered (with a status): false for a timeout or a lost connection. */
    public static boolean isAnswer(Throwable failure) {
        return TargetRefusedException.statusIn(failure).isPresent();
    }

    /** An HTTP answer that says "later", not "no": a timeout (408), a rate limit (429) or an outage (5xx). */
    public static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** The reason, as the target stated it; the record's own content is never quoted. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TargetRefusedException) {
                return t.getMessage();
            }
            if (t instanceof JsonProcessingException) {
                return "JSON that could not be read: the record, or what a target's kamelet built from it ("
                        + t.getClass().getSimpleName() + ")";
            }
            OptionalInt status = TargetRefusedException.statusOf(t);
            if (status.isPresent()) {
                String name = t.getClass().getSimpleName().replaceFirst("(Response|OperationFailed)?Exception$", "");
                return name + " " + status.getAsInt() + ": " + t.getMessage();
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }

    private static String describe(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
