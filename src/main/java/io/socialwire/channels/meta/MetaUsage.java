package io.socialwire.channels.meta;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Meta's rate limits as its answers state them: {@code X-App-Usage}, {@code X-Page-Usage} and
 * {@code X-Business-Use-Case-Usage} carry how much of each limit is used, in percent ({@code call_count},
 * {@code total_cputime}, {@code total_time}), and, once throttled, {@code estimated_time_to_regain_access} in
 * minutes. Meta throttles at 100% and gives no 429 before it: at {@link #NEAR_LIMIT}% the hub stops calling the Graph
 * API for the time Meta estimates, or a minute when it gives none.
 */
@Component("metaUsage")
public class MetaUsage {

    static final int NEAR_LIMIT = 95;
    static final Duration WITHOUT_ESTIMATE = Duration.ofMinutes(1);
    private static final String[] USAGES = {"call_count", "total_cputime", "total_time"};

    private final TargetPacing pacing;
    private final ObjectMapper json;
    private final Clock clock;

    MetaUsage(TargetPacing pacing, ObjectMapper json, Clock clock) {
        this.pacing = pacing;
        this.json = json;
        this.clock = clock;
    }

    /** After a Graph API call: holds further calls to {@code target} when Meta says a limit is (nearly) reached. */
    public void observe(Exchange exchange, String target) {
        holdFor(exchange.getMessage().getHeader("X-App-Usage", String.class),
                exchange.getMessage().getHeader("X-Page-Usage", String.class),
                exchange.getMessage().getHeader("X-Business-Use-Case-Usage", String.class))
                .ifPresent(wait -> pacing.holdOff(target, clock.instant().plus(wait)));
    }

    /** How long to stop calling, from the three headers (any may be absent); empty when no limit is near. */
    Optional<Duration> holdFor(String appUsage, String pageUsage, String businessUseCaseUsage) {
        Duration longest = null;
        for (JsonNode usage : usages(appUsage, pageUsage, businessUseCaseUsage)) {
            Duration wait = holdFor(usage);
            if (wait != null && (longest == null || wait.compareTo(longest) > 0)) {
                longest = wait;
            }
        }
        return Optional.ofNullable(longest);
    }

    private static Duration holdFor(JsonNode usage) {
        long regain = usage.path("estimated_time_to_regain_access").asLong(0);
        if (regain > 0) {
            return Duration.ofMinutes(regain);
        }
        for (String limit : USAGES) {
            if (usage.path(limit).asInt(0) >= NEAR_LIMIT) {
                return WITHOUT_ESTIMATE;
            }
        }
        return null;
    }

    /** Each usage object: the app's and the Page's are one each, the business use case's are lists by object id. */
    private List<JsonNode> usages(String appUsage, String pageUsage, String businessUseCaseUsage) {
        List<JsonNode> usages = new ArrayList<>();
        for (String header : new String[] {appUsage, pageUsage}) {
            JsonNode usage = read(header);
            if (usage.isObject()) {
                usages.add(usage);
            }
        }
        for (JsonNode perObject : read(businessUseCaseUsage)) {
            perObject.forEach(usages::add);
        }
        return usages;
    }

    private JsonNode read(String header) {
        if (header == null || header.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(header);
        } catch (JsonProcessingException unreadable) {
            // a header Meta changed shape of must not fail the answer that was posted
            return json.missingNode();
        }
    }
}
