package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private volatile RoutingRules rules;
    /** The text the active rules were loaded from. */
    private volatile String text;
    private volatile Status status;
    private volatile Supplier<Set<String>> departmentsWithRoutes;
    private volatile FileStamp loadedStamp;
    private ScheduledExecutorService watcher;

    /** The file's content, summarised: an edit is noticed even within the file system's timestamp resolution. */
    private record FileStamp(int hash, long size) {
    }

    public RoutingRulesSource(Resource resource) {
        this.resource = resource;
        this.loadedStamp = stamp();
        this.text = readText();
        this.rules = load(text);
        this.status = new Status(resource.getDescription(), rules.ruleNames(), Instant.now(), null, null);
        LOG.info("Loaded {} routing rules from {}", rules.size(), resource.getDescription());
    }

    public RoutingRules current() {
        return rules;
    }

    public Status status() {
        return status;
    }

    /** The active rules as written (a refused edit of the file is not them). */
    public String text() {
        return text;
    }

    /**
     * From now on, rules must name only departments with a route; the active ones are checked at once, so a hub
     * whose rules name a department without a route does not start.
     */
    public void requireRoutes(Supplier<Set<String>> departments) {
        this.departmentsWithRoutes = departments;
        checkDepartments(rules);
    }

    /** Checks the file every {@code interval} and applies a good edit (file resources only). */
    public void watch(Duration interval) {
        if (file() == null || interval.isZero() || interval.isNegative()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "routing-rules-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reloads when the file changed since the last attempt; returns whether new rules became active. */
    public synchronized boolean reloadIfChanged() {
        FileStamp now = stamp();
        if (now == null || now.equals(loadedStamp)) {
            return false;
        }
        loadedStamp = now;
        try {
            String edited = readText();
            RoutingRules candidate = load(edited);
            checkDepartments(candidate);
            rules = candidate;
            text = edited;
            status = new Status(resource.getDescription(), candidate.ruleNames(), Instant.now(), null, null);
            LOG.info("Reloaded {} routing rules from {}", candidate.size(), resource.getDescription());
            return true;
        } catch (RulesException | UncheckedIOException e) {
            status = new Status(status.source(), status.rules(), status.loadedAt(), e.getMessage(), Instant.now());
            LOG.error("Refused the edit of the routing rules, the previous rules stay active: {}", e.getMessage());
            return false;
        }
    }

    /** Rules given as text, checked like an edit of the file, for a try without saving them. */
    public RoutingRules proposed(String yaml) {
        RoutingRules candidate = RoutingRules.load(new java.io.ByteArrayInputStream(
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), PROPOSED);
        checkDepartments(candidate, PROPOSED);
        return candidate;
    }

    private RoutingRules load(String yaml) {
        return RoutingRules.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                resource.getDescription());
    }

    private String readText() {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing rules from " + resource.getDescription(), e);
        }
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
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
