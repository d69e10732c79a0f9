package io.socialwire.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a webhook body over {@code socialwire.webhooks.max-body-size} (1 MiB) with 413 before any of it is
 * parsed or verified: by its Content-Length when the sender gives one, else by reading at most one byte past
 * the limit (chunked bodies).
 */
@Configuration(proxyBeanMethods = false)
class WebhookBodyLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookBodyLimitFilter(
            @Value("${socialwire.webhooks.max-body-size:1MB}") DataSize limit, WebhookMetrics metrics) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Filter(limit.toBytes(), metrics));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final long limit;
        private final WebhookMetrics metrics;

        Filter(long limit, WebhookMetrics metrics) {
            this.limit = limit;
            this.metrics = metrics;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                        FilterChain chain) throws ServletException, IOException {
            if (!"POST".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            if (request.getContentLengthLong() > limit) {
                refuse(request, response);
                return;
            }
            if (request.getContentLengthLong() >= 0) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new Buffered(request, body), response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
            FilterRefusal.refuse(request, response, metrics, 413, "too_large",
                    "body is larger than " + limit + " bytes");
        }
    }

    /** A request whose body was read ahead (to measure it), served again from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public int available() {
                    try {
                        return in.available();
                    } catch (IOException e) {
                        return 0;
                    }
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
