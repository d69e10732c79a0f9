package io.socialwire.targets;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the core needs to know of each system of record, from {@code socialwire.targets}: where a conversation's
 * record continues, the link to a record, which answers are refusals, what erasure does. A setting that picks a
 * target ({@code socialwire.choices}) holding a value it does not allow stops start-up.
 */
@Component("targets")
public class Targets {

    private static final Set<String> ERASURE = Set.of("anonymise", "none");
    private final Map<String, TargetsProperties.Target> bySystem;

    public Targets(TargetsProperties properties, Environment env) {
        this.bySystem = new TreeMap<>(properties.targets() == null ? Map.of() : properties.targets());
        bySystem.forEach(Targets::check);
        if (properties.choices() != null) {
            properties.choices().forEach((setting, allowed) -> checkChoice(env, setting, allowed));
        }
    }

    /**
     * The system a sink's target name belongs to: the target itself, or the system it starts with
     * ({@code servicenow-incident} is ServiceNow's); null for a target that is no system of record (a webhook).
     */
    public String systemOf(String target) {
        if (target == null) {
            return null;
        }
        return bySystem.keySet().stream().filter(s -> target.equals(s) || target.startsWith(s + "-")).findFirst()
                .orElse(null);
    }

    /** The endpoint that continues a record of {@code type} in {@code system}. */
    public String continueWith(String system, String type) {
        Map<String, String> endpoints = target(system).continueWith();
        String endpoint = endpoints == null ? null : endpoints.getOrDefault(type, endpoints.get("default"));
        if (endpoint == null) {
            throw new IllegalStateException("socialwire.targets." + system + ".continue-with names no endpoint for "
                    + "a " + type + " (nor a default)");
        }
        return endpoint.replace("{type}", type);
    }

    /** The route that writes a lane batch's collected writes to {@code system}. */
    public String batchWriteWith(String system) {
        String endpoint = target(system).batchWriteWith();
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("socialwire.targets." + system + ".batch-write-with names no route, but a "
                    + "kamelet collected writes for it");
        }
        return endpoint;
    }

    /** A link to the record as a person opens it. */
    public String recordUrl(String system, String type, String id) {
        String template = target(system).recordUrl();
        return template == null ? null : template.replace("{type}", type).replace("{id}", id);
    }

    /**
     * True when {@code status} from {@code system} says the record is refused (not a failure retrying fixes). A target
     * that is no system of record (a webhook) refuses with any 4xx but a timeout (408) or a rate limit (429).
     */
    public boolean isRefusal(String system, int status, String errors) {
        TargetsProperties.Target target = system == null ? null : bySystem.get(system);
        if (target == null) {
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }
        return target.refusals().contains(status)
                && target.retriedErrors().stream().noneMatch(code -> errors != null && errors.contains(code));
    }

    /** The systems where an erasure overwrites what the hub copied, with the endpoint that does it. */
    public Map<String, TargetsProperties.Target> anonymised() {
        Map<String, TargetsProperties.Target> erased = new TreeMap<>();
        bySystem.forEach((system, target) -> {
            if (target.erasure().equals("anonymise")) {
                erased.put(system, target);
            }
        });
        return erased;
    }

    private TargetsProperties.Target target(String system) {
        TargetsProperties.Target target = bySystem.get(system);
        if (target == null) {
            throw new IllegalStateException("No system of record " + system + " is described under socialwire.targets"
                    + " (known: " + bySystem.keySet() + ")");
        }
        return target;
    }

    private static void check(String system, TargetsProperties.Target target) {
        if (!ERASURE.contains(target.erasure())) {
            throw new IllegalArgumentException("socialwire.targets." + system + ".erasure is " + target.erasure()
                    + "; allowed: anonymise, none");
        }
        if (target.erasure().equals("anonymise") && (target.eraseWith() == null || target.eraseWith().isBlank())) {
            throw new IllegalArgumentException("socialwire.targets." + system + ".erasure is anonymise but "
                    + "erase-with names no endpoint");
        }
    }

    private static void checkChoice(Environment env, String setting, List<String> allowed) {
        String value = env.getProperty(setting);
        if (value != null && !allowed.contains(value)) {
            String variable = setting.toUpperCase().replace('.', '_').replace('-', '_');
            throw new IllegalArgumentException(setting + " (" + variable + ") is '" + value + "'; allowed: "
                    + String.join(", ", allowed));
        }
    }
}
