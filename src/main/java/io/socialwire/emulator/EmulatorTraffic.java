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

/** Counts the API calls each emulator answered, so the cost of an interaction in target calls can be measured. */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class EmulatorTraffic extends OncePerRequestFilter {

    private final EmulatorProperties properties;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    public EmulatorTraffic(EmulatorProperties properties) {
        this.properties = properties;
    }

    public long calls(String system) {
        AtomicLong count = calls.get(system);
        return count == null ? 0 : count.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith(properties.servicenowPath() + "/api/")) {
            calls.computeIfAbsent("servicenow", k -> new AtomicLong()).incrementAndGet();
        } else if (path.startsWith(properties.salesforcePath() + "/services/data/")) {
            calls.computeIfAbsent("salesforce", k -> new AtomicLong()).incrementAndGet();
        }
        chain.doFilter(request, response);
    }
}
