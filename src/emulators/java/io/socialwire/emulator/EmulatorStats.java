package io.socialwire.emulator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The API requests each emulator served, by operation: method and path with ids, sys_ids and external-id values
 * replaced by placeholders, e.g. {@code PATCH /services/data/v56.0/sobjects/Lead/Socialwire_Id__c/{value}}.
 */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class EmulatorStats {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^(/api/now(?:/v1)?/table/[^/]+)/[^/]+$"), "$1/{sys_id}"),
            new Rule(Pattern.compile("^(/services/data/[^/]+/sobjects/[^/]+/[^/]+)/[^/]+$"), "$1/{value}"),
            new Rule(Pattern.compile("^(/services/data/[^/]+/sobjects/[^/]+)/(?!describe$)[^/]+$"), "$1/{id}"),
            new Rule(Pattern.compile("^(/2/users/by/username)/[^/]+$"), "$1/{username}"),
            new Rule(Pattern.compile("^(/rest/api/3/issue)/(?!bulk$)[^/]+"), "$1/{issueIdOrKey}"),
            new Rule(Pattern.compile("^(/api/v2/(?:tickets|users))/\\d+(?=[/.])"), "$1/{id}"),
            new Rule(Pattern.compile("^(/v\\d+\\.\\d+)/(?!me/)[^/]+/(comments|replies)$"), "$1/{object-id}/$2"),
            new Rule(Pattern.compile("^/_(people|objects)/[^/]+$"), "/_$1/{id}"),
            // numeric ids (X); short numbers are API versions, as in /2/tweets
            new Rule(Pattern.compile("/\\d{3,}(?=/|$)"), "/{id}"));

    private final Map<String, String> prefixes;
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    public EmulatorStats(EmulatorProperties properties) {
        this.prefixes = Map.of("servicenow", properties.servicenowPath(), "salesforce", properties.salesforcePath(),
                "x", "/emulators/x", "jira", "/emulators/jira", "zendesk", "/emulators/zendesk",
                "meta", "/emulators/meta", "bluesky", "/emulators/bluesky", "receiver", "");
    }

    /** Counts a request if an emulator serves its path. */
    public void count(String method, String path) {
        String system = systemOf(path);
        if (system != null) {
            String operation = operation(method, path.substring(prefixes.get(system).length()));
            counts.computeIfAbsent(system, s -> new ConcurrentHashMap<>())
                    .computeIfAbsent(operation, o -> new LongAdder()).increment();
        }
    }

    /** Requests served since the start or the last reset: system, then operation, sorted. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        counts.forEach((system, operations) -> {
            Map<String, Long> bySystem = new TreeMap<>();
            operations.forEach((operation, count) -> bySystem.put(operation, count.sum()));
            result.put(system, bySystem);
        });
        return result;
    }

    public void reset() {
        counts.clear();
    }

    private String systemOf(String path) {
        if (path.startsWith(prefixes.get("servicenow") + "/")) {
            return "servicenow";
        }
        if (path.startsWith(prefixes.get("salesforce") + "/")) {
            return "salesforce";
        }
        if (path.startsWith("/emulators/x/")) {
            return "x";
        }
        if (path.startsWith("/emulators/jira/")) {
            return "jira";
        }
        if (path.startsWith("/emulators/zendesk/")) {
            return "zendesk";
        }
        if (path.startsWith("/emulators/meta/")) {
            return "meta";
        }
        if (path.startsWith("/emulators/bluesky/xrpc/")) {
            return "bluesky";
        }
        return path.startsWith("/emulators/receiver/") ? "receiver" : null;
    }

    /** The operation a request path (relative to its emulator) stands for. */
    static String operation(String method, String path) {
        String grouped = path;
        for (Rule rule : RULES) {
            grouped = rule.pattern().matcher(grouped).replaceAll(rule.replacement());
        }
        return method + " " + grouped;
    }
}
