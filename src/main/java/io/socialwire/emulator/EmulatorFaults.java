package io.socialwire.emulator;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Faults the emulators inject into their next matching calls: an HTTP status with the system's error shape,
 * instead of the real answer. Tests use it to make a system of record fail at a chosen moment.
 */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class EmulatorFaults {

    /** Fail the next {@code times} calls whose method matches and whose path contains {@code pathPart}. */
    public record Fault(String method, String pathPart, int status, int[] remaining) {
        boolean matches(HttpServletRequest request) {
            return request.getMethod().equalsIgnoreCase(method) && request.getRequestURI().contains(pathPart);
        }
    }

    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

    public void failNext(String method, String pathPart, int times, int status) {
        faults.add(new Fault(method, pathPart, status, new int[] {times}));
    }

    public void clear() {
        faults.clear();
    }

    /** The status to answer instead, or 0 to answer normally. */
    synchronized int take(HttpServletRequest request) {
        for (Fault fault : faults) {
            if (fault.remaining()[0] > 0 && fault.matches(request)) {
                if (--fault.remaining()[0] == 0) {
                    faults.remove(fault);
                }
                return fault.status();
            }
        }
        return 0;
    }
}
