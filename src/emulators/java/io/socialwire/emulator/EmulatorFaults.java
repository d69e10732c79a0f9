package io.socialwire.emulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Faults the emulators inject into their next matching calls, set by tests or at run time through
 * {@code /emulators/faults}: an error status with the system's error shape (429 with {@code Retry-After} and
 * ServiceNow's {@code X-RateLimit-*}, 503, 400, 401), a slow answer, no answer within the client's timeout, a
 * connection closed before the body, or a truncated body.
 */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class EmulatorFaults {

    /** What a fault does to the call. */
    public enum Kind {
        /** answer {@code status} with the system's error body */
        STATUS,
        /** wait {@code delayMs}, then answer normally */
        SLOW,
        /** wait {@code delayMs} (longer than the client waits), then close */
        TIMEOUT,
        /** announce a body and close the connection before sending it */
        RESET,
        /** send half of a JSON body and close */
        TRUNCATED
    }

    /**
     * Applies to the next {@code times} calls whose method matches and whose path contains {@code path}.
     *
     * @param retryAfterSeconds with a status: the {@code Retry-After} header, and ServiceNow's
     *                          {@code X-RateLimit-Reset} (that many seconds from now, in Unix seconds)
     */
    public record Fault(String method, String path, Kind kind, int status, Integer retryAfterSeconds, long delayMs,
                        AtomicInteger remaining) {

        public static Fault status(String method, String path, int times, int status) {
            return new Fault(method, path, Kind.STATUS, status, null, 0, new AtomicInteger(times));
        }

        boolean matches(String requestMethod, String requestPath) {
            return requestMethod.equalsIgnoreCase(method) && requestPath.contains(path);
        }
    }

    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

    public void failNext(String method, String pathPart, int times, int status) {
        add(Fault.status(method, pathPart, times, status));
    }

    public void add(Fault fault) {
        faults.add(fault);
    }

    public List<Fault> pending() {
        return List.copyOf(faults);
    }

    public void clear() {
        faults.clear();
    }

    /** The fault to inject instead of the real answer, or null to answer normally. */
    synchronized Fault take(HttpServletRequest request) {
        return take(request.getMethod(), request.getRequestURI());
    }

    /** The same for a request inside a batch (ServiceNow's Batch API): its own method and path. */
    public synchronized Fault take(String method, String path) {
        for (Fault fault : faults) {
            if (fault.remaining().get() > 0 && fault.matches(method, path)) {
                if (fault.remaining().decrementAndGet() == 0) {
                    faults.remove(fault);
                }
                return fault;
            }
        }
        return null;
    }
}
