package io.socialwire.webhook;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a webhook delivery that is not JSON with 415 before Camel reads it. Camel's platform-http binding parses
 * an {@code application/x-www-form-urlencoded} body (what {@code curl -d} sends without {@code -H}) into headers
 * before any route step runs; JSON there fails with an exception that quotes the whole body, which Camel logs and
 * answers with a 500 page. Refused here, such a body is never parsed, logged or answered from.
 */
@Configuration(proxyBeanMethods = false)
class WebhookContentType {

    static final String REASON = "Content-Type must be application/json";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookContentTypeFilter(WebhookMetrics metrics) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(metrics));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }

    /**
     * {@code application/json} or a {@code +json} type, with any parameters; never one that names the form type
     * anywhere, as Camel looks for that text in the whole header.
     */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.toLowerCase(Locale.ROOT).contains("form-urlencoded")) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    static final class Filter extends OncePerRequestFilter {

        private final WebhookMetrics metrics;

        Filter(WebhookMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                        FilterChain chain) throws ServletException, IOException {
            if ("POST".equals(request.getMethod()) && !isJson(request.getContentType())) {
                FilterRefusal.refuse(request, response, metrics, 415, "content_type", REASON);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
