package io.socialwire.dispatch;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.servicenow.ServiceNowException;
import io.socialwire.sinks.http.TargetRefusedException;
import org.springframework.stereotype.Component;

/**
 * Tells failures retrying cannot fix (the target refused the record as invalid, or the record itself is not an
 * interaction) from those it can (timeouts, rate limits, outages, expired credentials), and describes them for
 * the dead-letter headers without quoting record content.
 */
@Component("failures")
public class Failures {

    private static final Set<Integer> REFUSED = Set.of(300, 400, 404, 405, 409, 413, 415, 422);

    /** Called while the exchange still carries its exception, to choose the error handling. */
    public boolean isPermanent(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isPermanentFailure(failure);
    }

    public static boolean isPermanentFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException sf) {
                // two conversations of one person upserting their Lead at once: the loser finds it on a retry
                boolean raced = sf.getErrors() != null && sf.getErrors().stream()
                        .anyMatch(e -> "DUPLICATE_VALUE".equals(e.getErrorCode()));
                return REFUSED.contains(sf.getStatusCode()) && !raced;
            }
            if (t instanceof ServiceNowException sn) {
                return sn.getCode() != null && REFUSED.contains(sn.getCode());
            }
            if (t instanceof TargetRefusedException http) {
                // an HTTP target's 4xx says the request is wrong (or our credentials are): only a fix helps
                return http.status() >= 400 && http.status() < 500 && !isRetryableStatus(http.status());
            }
            if (t instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP answer that says "later", not "no": a timeout (408), a rate limit (429) or an outage (5xx). */
    public static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** The reason, as the target stated it; the record's own content is never quoted. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException sf) {
                return "Salesforce " + sf.getStatusCode() + ": " + sf.getErrors().stream()
                        .map(e -> e.getErrorCode() + " " + e.getMessage()).reduce((a, b) -> a + "; " + b)
                        .orElse("no error details");
            }
            if (t instanceof ServiceNowException sn) {
                return "ServiceNow " + sn.getCode() + ": " + sn.getMessage();
            }
            if (t instanceof TargetRefusedException) {
                return t.getMessage();
            }
            if (t instanceof JsonProcessingException) {
                return "record is not a valid interaction (" + t.getClass().getSimpleName() + ")";
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
}
