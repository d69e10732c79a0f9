package io.socialwire.channels.x;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.polling.Cursors;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * One poll of X API v2 recent search through camel-http: from the stored {@code since_id}, following
 * {@code next_token} for at most {@code maxPages} pages, honouring {@code x-rate-limit-remaining/-reset} (and 429)
 * by skipping polls until the window resets. The body becomes the new interactions, oldest first; the cursor is
 * proposed, and moved by the route only once they are on Kafka.
 */
@Component("xV2Poller")
@EnableConfigurationProperties(XV2Properties.class)
public class XV2Poller {

    private static final Logger LOG = LoggerFactory.getLogger(XV2Poller.class);
    private static final String FIELDS = "&expansions=author_id&tweet.fields=created_at,conversation_id,lang,"
            + "referenced_tweets,author_id&user.fields=username,name,public_metrics,verified";

    private final XV2Properties properties;
    private final Cursors cursors;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Instant notBefore = Instant.EPOCH;
    private volatile String lastProblem;
    private final java.util.Map<String, String> userIds = new java.util.concurrent.ConcurrentHashMap<>();

    public XV2Poller(XV2Properties properties, Cursors cursors, ProducerTemplate camel, ObjectMapper json,
                     Clock clock) {
        this.properties = properties;
        this.cursors = cursors;
        this.camel = camel;
        this.json = json;
        this.clock = clock;
        if (!properties.enabled()) {
            LOG.info("X API v2 polling is off: X_BEARER_TOKEN or X_API_URL is not set");
        }
    }

    /** Recent search for {@code query}. */
    public void pollSearch(Exchange exchange) {
        poll(exchange, "x-v2-search:" + properties.query(), "/2/tweets/search/recent", "next_token",
                "query=" + URLEncoder.encode(properties.query(), StandardCharsets.UTF_8));
    }

    /** Mentions of the account {@code mentionsOf}, by its user id (looked up once). */
    public void pollMentions(Exchange exchange) {
        boolean on = properties.enabled() && properties.mentionsOf() != null && !properties.mentionsOf().isBlank();
        String userId = on ? userId(properties.mentionsOf()) : null;
        poll(exchange, "x-v2-mentions:" + properties.mentionsOf(), "/2/users/" + userId + "/mentions",
                "pagination_token", null);
        if (userId == null) {
            exchange.getMessage().setBody(new ArrayList<>());
        }
    }

    private void poll(Exchange exchange, String key, String path, String tokenParameter, String baseQuery) {
        exchange.setProperty(Cursors.KEY, key);
        List<SocialInteraction> found = new ArrayList<>();
        exchange.getMessage().setBody(found);
        if (!properties.enabled() || clock.instant().isBefore(notBefore) || path.contains("/null/")) {
            return;
        }
        String since = cursors.get(key);
        String newest = null;
        String next = null;
        for (int page = 0; page < properties.maxPages(); page++) {
            String query = (baseQuery == null ? "" : baseQuery + "&") + "max_results=" + properties.maxResults()
                    + FIELDS + (since == null ? "" : "&since_id=" + since)
                    + (next == null ? "" : "&" + tokenParameter + "=" + next);
            JsonNode body = get(path, query);
            if (body == null) {
                LOG.warn("{} to {}; the cursor stays at {}", lastProblem, path, since);
                return;
            }
            if (newest == null) {
                newest = body.path("meta").path("newest_id").asText(null);
            }
            found.addAll(XV2Normalizer.normalize(body));
            next = body.path("meta").path("next_token").asText(null);
            if (next == null) {
                break;
            }
        }
        Collections.reverse(found);
        // with pages left unread the cursor does not move past them: the next poll reads on from the same since_id
        exchange.setProperty(Cursors.NEXT, next == null ? newest : null);
    }

    /** One GET through camel-http; null (and the reason in lastProblem) unless X answered 200. */
    private JsonNode get(String path, String query) {
        Exchange reply = camel.request(properties.baseUrl() + path + "?throwExceptionOnFailure=false", e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            e.getMessage().setHeader("Authorization", "Bearer " + properties.bearerToken());
            e.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        });
        int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        rateLimit(reply, status);
        if (status != 200) {
            lastProblem = "X API v2 answered " + status + (status == 401 ? ": the bearer token is rejected" : "");
            return null;
        }
        lastProblem = null;
        return read(reply.getMessage().getBody(String.class));
    }

    private String userId(String username) {
        return userIds.computeIfAbsent(username, u -> {
            JsonNode user = get("/2/users/by/username/" + u, null);
            return user == null ? null : user.path("data").path("id").asText(null);
        });
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** The reason the last poll failed, for health; null when it succeeded. */
    public String lastProblem() {
        return lastProblem;
    }

    private void rateLimit(Exchange reply, int status) {
        Integer remaining = reply.getMessage().getHeader("x-rate-limit-remaining", Integer.class);
        Long reset = reply.getMessage().getHeader("x-rate-limit-reset", Long.class);
        if (reset != null && (status == 429 || (remaining != null && remaining == 0))) {
            notBefore = Instant.ofEpochSecond(reset);
            LOG.warn("X API v2 rate limit reached; polling resumes at {}", notBefore);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
