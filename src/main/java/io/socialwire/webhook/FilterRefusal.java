package io.socialwire.webhook;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A webhook request a servlet filter refuses before Camel reads it: answered and counted as the routes do. */
final class FilterRefusal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterRefusal() {
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, WebhookMetrics metrics, int status,
                       String metricReason, String reason) throws IOException {
        metrics.rejected(WebhookMetrics.channelOf(request.getRequestURI()), metricReason);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("error", reason)));
    }
}
