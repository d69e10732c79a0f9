package io.socialwire.emulator;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the API calls each emulator answered, so the cost of an interaction in target calls can be measured, and
 * answers with an injected fault instead when {@link EmulatorFaults} has one for the call.
 */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class EmulatorTraffic extends OncePerRequestFilter {

    private final EmulatorProperties properties;
    private final EmulatorFaults faults;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    public EmulatorTraffic(EmulatorProperties properties, EmulatorFaults faults) {
        this.properties = properties;
        this.faults = faults;
    }

    public long calls(String system) {
        AtomicLong count = calls.get(system);
        return count == null ? 0 : count.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String system = path.startsWith(properties.servicenowPath() + "/api/") ? "servicenow"
                : path.startsWith(properties.salesforcePath() + "/services/data/") ? "salesforce"
                : path.startsWith("/emulators/receiver/") ? "receiver" : null;
        if (system == null) {
            chain.doFilter(request, response);
            return;
        }
        calls.computeIfAbsent(system, k -> new AtomicLong()).incrementAndGet();
        int fault = faults.take(request);
        if (fault == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(fault);
        response.setContentType("application/json");
        response.getWriter().write(switch (system) {
            case "servicenow" -> "{\"error\":{\"message\":\"Injected fault\",\"detail\":\"status " + fault
                    + "\"},\"status\":\"failure\"}";
            case "salesforce" -> "[{\"message\":\"Injected fault\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";
            default -> "{\"error\":\"Injected fault\"}";
        });
    }
}
