package io.socialwire.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.Resource;

/**
 * Holds the active routing rules, read from {@code socialwire.routing.rules}. A rules file on disk is watched: an
 * edit that loads and names only departments that have a route replaces the rules at once; any other edit is
 * refused with the file, line and field, and the last good rules stay active.
 */
public class RoutingRulesSource implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRulesSource.class);

    /** What the source holds: the active rules, and the last refused edit if it came after them. */
    public record Status(String source, List<String> rules, Instant loadedAt, String refused, Instant refusedAt) {
    }

    /** What a rule set given as text is called in its refusals. */
    static final String PROPOSED = "proposed rules";

    private final Resource resource;
    /** The rules and the text they were read from. */
    private record Written(RoutingRules rules, String text) {
    }

    private final WatchedConfig<Written> rules;
    private volatile Supplier<Set<String>> departmentsWithRoutes;

    /** The file's content, summarised: an edit is noticed even within the file system's timestamp resolution. */
    private record FileStamp(int hash, long size) {
    }

    public RoutingRulesSource(Resource resource) {
        this.resource = resource;
        this.rules = new WatchedConfig<>("routing rules", resource.getDescription(), this::stamp, this::read);
        LOG.info("Loaded {} routing rules from {}", current().size(), resource.getDescription());
    }

    public RoutingRules current() {
        return rules.current().rules();
    }

    /** The active rules as written (a refused edit of the file is not them). */
    public String text() {
        return rules.current().text();
    }

    public Status status() {
        WatchedConfig.Loaded<Written> loaded = rules.loaded();
        return new Status(resource.getDescription(), loaded.value().rules().ruleNames(), loaded.at(), loaded.refused(),
                loaded.refusedAt());
    }

    /**
     * From now on, rules must name only departments with a route; the active ones are checked at once, so a hub
     * whose rules name a department without a route does not start.
     */
    public void requireRoutes(Supplier<Set<String>> departments) {
        this.departmentsWithRoutes = departments;
        rules.require(written -> checkDepartments(written.rules()));
    }

    /** Checks the file every {@code interval} and applies a good edit (file resources only). */
    public void watch(Duration interval) {
        if (file() != null) {
            rules.watch(interval);
        }
    }

    /** Reloads when the file changed since the last attempt; returns whether new rules became active. */
    public boolean reloadIfChanged() {
        return rules.reloadIfChanged();
    }

    /** Rules given as text, checked like an edit of the file, for a try without saving them. */
    public RoutingRules proposed(String yaml) {
        RoutingRules candidate = load(yaml, PROPOSED);
        checkDepartments(candidate, PROPOSED);
        return candidate;
    }

    private Written read() {
        try (InputStream in = resource.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Written(load(text, resource.getDescription()), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing rules from " + resource.getDescription(), e);
        }
    }

    private static RoutingRules load(String yaml, String source) {
        return RoutingRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), source);
    }

    private void checkDepartments(RoutingRules candidate) {
        checkDepartments(candidate, resource.getDescription());
    }

    private void checkDepartments(RoutingRules candidate, String source) {
        Supplier<Set<String>> known = departmentsWithRoutes;
        if (known == null) {
            return;
        }
        Set<String> missing = new TreeSet<>(candidate.departments());
        missing.removeAll(known.get());
        if (!missing.isEmpty()) {
            throw new RulesException(missing.stream().map(department -> source + " "
                    + candidate.whereNamed(department) + ": no route for department '" + department + "'")
                    .collect(Collectors.joining("; "))
                    + " (a department needs a route from direct:department-<name>, see docs/adding-a-target.md)");
        }
    }

    private Path file() {
        try {
            return resource.isFile() ? resource.getFile().toPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private FileStamp stamp() {
        Path file = file();
        try {
            if (file == null) {
                return null;
            }
            byte[] content = Files.readAllBytes(file);
            return new FileStamp(Arrays.hashCode(content), content.length);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        rules.stop();
    }
}
