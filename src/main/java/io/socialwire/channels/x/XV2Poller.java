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

    public void pollSearch(Exchange exchange) {
        String key = "x-v2-search:" + properties.query();
        exchange.setProperty(Cursors.KEY, key);
        List<SocialInteraction> found = new ArrayList<>();
        exchange.getMessage().setBody(found);
        if (!properties.enabled() || clock.instant().isBefore(notBefore)) {
            return;
        }
        String since = cursors.get(key);
        String newest = null;
        String next = null;
        for (int page = 0; page < properties.maxPages(); page++) {
            String token = next;
            Exchange reply = camel.request(properties.baseUrl() + "/2/tweets/search/recent"
                    + "?throwExceptionOnFailure=false", e -> {
                        e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
                        e.getMessage().setHeader("Authorization", "Bearer " + properties.bearerToken());
                        e.getMessage().setHeader(Exchange.HTTP_QUERY, query(since, token));
                    });
            int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            rateLimit(reply, status);
            if (status != 200) {
                lastProblem = "X API v2 answered " + status + (status == 401 ? ": the bearer token is rejected" : "");
                LOG.warn("{} to recent search; the cursor stays at {}", lastProblem, since);
                return;
            }
            lastProblem = null;
            JsonNode body = read(reply.getMessage().getBody(String.class));
            if (newest == null) {
                newest = body.path("meta").path("newest_id").asText(null);
            }
            found.addAll(XV2Normalizer.normalize(body));
            next = body.path("meta").path("next_token").asText(null);
            if (next == null) {
                break;
            }
        }
        LOG.debug("X API v2 poll since {} found {}", since, found.size());
        Collections.reverse(found);
        // with pages left unread the cursor does not move past them: the next poll reads on from the same since_id
        exchange.setProperty(Cursors.NEXT, next == null ? newest : null);
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** The reason the last poll failed, for health; null when it succeeded. */
    public String lastProblem() {
        return lastProblem;
    }

    private String query(String since, String nextToken) {
        return "query=" + URLEncoder.encode(properties.query(), StandardCharsets.UTF_8)
                + "&max_results=" + properties.maxResults() + FIELDS
                + (since == null ? "" : "&since_id=" + since)
                + (nextToken == null ? "" : "&next_token=" + nextToken);
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
