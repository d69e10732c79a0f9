package io.socialwire.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
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

    private static final int LOG_SIZE = 10_000;

    private final EmulatorProperties properties;
    private final EmulatorFaults faults;
    private final EmulatorStats stats;
    /** The Page the Meta emulator plays, named in its X-Business-Use-Case-Usage header. */
    private final String metaPageId;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCall = new ConcurrentHashMap<>();
    /** The last LOG_SIZE calls; guarded by itself (ArrayDeque: size() is O(1), unlike a concurrent deque's). */
    private final Deque<Call> log = new ArrayDeque<>();

    /** One call an emulator received: when, what, and the fault injected instead of the answer, if any. */
    public record Call(Instant at, String system, String method, String path, String fault) {
    }

    public EmulatorTraffic(EmulatorProperties properties, EmulatorFaults faults, EmulatorStats stats,
                           @Value("${socialwire.emulators.meta-page-id:1000000000000001}") String metaPageId) {
        this.properties = properties;
        this.metaPageId = metaPageId;
        this.faults = faults;
        this.stats = stats;
    }

    public long calls(String system) {
        AtomicLong count = calls.get(system);
        return count == null ? 0 : count.get();
    }

    /** The last calls received (at most LOG_SIZE), oldest first. */
    public List<Call> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** When the system last received a call, or null. */
    public Instant lastCall(String system) {
        return lastCall.get(system);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        stats.count(request.getMethod(), path);
        String system = path.startsWith(properties.servicenowPath() + "/api/") ? "servicenow"
                : path.startsWith(properties.salesforcePath() + "/services/data/") ? "salesforce"
                : path.startsWith("/emulators/jira/rest/") ? "jira"
                : path.startsWith("/emulators/zendesk/api/") ? "zendesk"
                : path.startsWith("/emulators/meta/v") ? "meta"
                : path.startsWith("/emulators/x/2/") ? "x"
                : path.startsWith("/emulators/bluesky/xrpc/") ? "bluesky"
                : path.startsWith("/emulators/receiver/") ? "receiver" : null;
        if (system == null) {
            chain.doFilter(request, response);
            return;
        }
        calls.computeIfAbsent(system, k -> new AtomicLong()).incrementAndGet();
        lastCall.put(system, Instant.now());
        EmulatorFaults.Fault fault = faults.take(request);
        record(new Call(Instant.now(), system, request.getMethod(), path,
                fault == null ? null : fault.kind() == EmulatorFaults.Kind.STATUS ? "status " + fault.status()
                        : fault.kind().name().toLowerCase(Locale.ROOT)));
        if (fault == null) {
            chain.doFilter(request, response);
            return;
        }
        switch (fault.kind()) {
            case STATUS -> status(system, fault, response);
            case SLOW -> {
                pause(fault.delayMs());
                chain.doFilter(request, response);
            }
            case TIMEOUT -> pause(fault.delayMs());
            case RESET -> closeEarly(response, new byte[0]);
            case TRUNCATED -> closeEarly(response, "{\"result\":[{\"sys_id\":\"".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void record(Call call) {
        synchronized (log) {
            log.addLast(call);
            if (log.size() > LOG_SIZE) {
                log.removeFirst();
            }
        }
    }

    private void status(String system, EmulatorFaults.Fault fault, HttpServletResponse response)
            throws IOException {
        response.setStatus(fault.status());
        if (fault.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
            if (system.equals("servicenow")) {
                response.setHeader("X-RateLimit-Limit", "1000");
                response.setHeader("X-RateLimit-Reset",
                        Long.toString(Instant.now().getEpochSecond() + fault.retryAfterSeconds()));
                response.setHeader("X-RateLimit-Rule", "emulated");
            }
        }
        if (system.equals("meta") && fault.status() == 429) {
            long minutes = fault.retryAfterSeconds() == null ? 1 : (fault.retryAfterSeconds() + 59) / 60;
            response.setHeader("X-Business-Use-Case-Usage", "{\"" + metaPageId + "\":[{\"type\":\"pages\","
                    + "\"call_count\":100,\"total_cputime\":0,\"total_time\":0,"
                    + "\"estimated_time_to_regain_access\":" + minutes + "}]}");
        }
        if (system.equals("bluesky") && fault.status() == 429) {
            // a PDS's rate-limit headers (IETF draft names, without X-)
            response.setHeader("RateLimit-Limit", "3000");
            response.setHeader("RateLimit-Remaining", "0");
            response.setHeader("RateLimit-Reset", Long.toString(Instant.now().getEpochSecond()
                    + (fault.retryAfterSeconds() == null ? 60 : fault.retryAfterSeconds())));
            response.setHeader("RateLimit-Policy", "3000;w=300");
        }
        response.setContentType("application/json");
        response.getWriter().write(switch (system) {
            case "servicenow" -> "{\"error\":{\"message\":\"Injected fault\",\"detail\":\"status " + fault.status()
                    + "\"},\"status\":\"failure\"}";
            case "salesforce" -> "[{\"message\":\"Injected fault\",\"errorCode\":\"" + (fault.status() == 429
                    ? "REQUEST_LIMIT_EXCEEDED" : fault.status() == 401 ? "INVALID_SESSION_ID" : "SERVER_UNAVAILABLE")
                    + "\"}]";
            case "jira" -> "{\"errorMessages\":[\"Injected fault: status " + fault.status() + "\"],\"errors\":{}}";
            case "zendesk" -> switch (fault.status()) {
                case 401 -> "{\"error\":\"Couldn't authenticate you\"}";
                case 429 -> "{\"error\":\"APIRateLimitExceeded\","
                        + "\"description\":\"Number of allowed API requests per minute exceeded\"}";
                default -> "{\"error\":\"InjectedFault\",\"description\":\"status " + fault.status() + "\"}";
            };
            case "meta" -> switch (fault.status()) {
                case 401, 403 -> "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access token\","
                        + "\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"AInjectedFault\"}}";
                case 429 -> "{\"error\":{\"message\":\"(#80001) There have been too many calls to this Page "
                        + "account. Wait a bit and try again.\",\"type\":\"OAuthException\",\"code\":80001,"
                        + "\"fbtrace_id\":\"AInjectedFault\"}}";
                default -> "{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your request "
                        + "later.\",\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,"
                        + "\"fbtrace_id\":\"AInjectedFault\"}}";
            };
            case "bluesky" -> switch (fault.status()) {
                case 401 -> "{\"error\":\"AuthenticationRequired\",\"message\":\"Authentication Required\"}";
                case 429 -> "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}";
                default -> "{\"error\":\"InternalServerError\",\"message\":\"Injected fault: status "
                        + fault.status() + "\"}";
            };
            default -> "{\"error\":\"Injected fault\"}";
        });
    }

    /** Announces a body longer than what is sent, then closes: the client sees the connection end early. */
    private static void closeEarly(HttpServletResponse response, byte[] part) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(4096);
        OutputStream out = response.getOutputStream();
        out.write(part);
        out.flush();
        out.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
