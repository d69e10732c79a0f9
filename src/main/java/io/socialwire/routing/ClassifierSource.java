package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The department classifier, trained from the labelled examples in config/routing-examples/ when the hub
 * starts and again after every edit of them, as the rules are reloaded. An edit that cannot be used (a file that
 * does not parse, a field that is wrong, a department without a route) is refused with its file, line and field;
 * the last good classifier stays.
 */
public class ClassifierSource implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierSource.class);
    private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();

    /**
     * What was learnt from where, and the last refused edit.
     *
     * @param examples per department, how many examples the classifier learnt from
     */
    public record Status(String source, Map<String, Long> examples, Instant trainedAt, long trainingMillis,
                         String refused, Instant refusedAt) {
    }

    private final String location;
    private volatile DepartmentClassifier classifier;
    private volatile Status status;
    private volatile Supplier<Set<String>> departmentsWithRoutes;
    private volatile int loadedStamp;
    private ScheduledExecutorService watcher;

    /** {@code location}: a pattern of the example files, {@code file:config/routing-examples/*.yaml}. */
    public ClassifierSource(String location) {
        this.location = location;
        this.loadedStamp = stamp();
        this.classifier = train();
        this.status = trained(classifier, 0);
    }

    DepartmentClassifier current() {
        return classifier;
    }

    public Status status() {
        return status;
    }

    /** From now on, examples must name only departments with a route; the active ones are checked at once. */
    public void requireRoutes(Supplier<Set<String>> departments) {
        this.departmentsWithRoutes = departments;
        checkDepartments(classifier.departments());
    }

    /** Checks the location every {@code interval} and retrains after a good edit. */
    public void watch(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "routing-examples-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::retrainIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Retrains when an example file changed since the last attempt; returns whether a new classifier is active. */
    public synchronized boolean retrainIfChanged() {
        int now = stamp();
        if (now == loadedStamp) {
            return false;
        }
        loadedStamp = now;
        try {
            long started = System.nanoTime();
            DepartmentClassifier candidate = train();
            checkDepartments(candidate.departments());
            classifier = candidate;
            status = trained(candidate, (System.nanoTime() - started) / 1_000_000);
            LOG.info("Retrained the routing classifier on {} examples from {} in {} ms", candidate.size(), location,
                    status.trainingMillis());
            return true;
        } catch (RulesException | UncheckedIOException e) {
            status = new Status(status.source(), status.examples(), status.trainedAt(), status.trainingMillis(),
                    e.getMessage(), Instant.now());
            LOG.error("Refused the edit of the routing examples, the previous classifier stays: {}", e.getMessage());
            return false;
        }
    }

    private DepartmentClassifier train() {
        List<DepartmentClassifier.Example> examples = LabelledExamples.load(location, files());
        long started = System.nanoTime();
        DepartmentClassifier trained = DepartmentClassifier.train(examples);
        LOG.info("Trained the routing classifier on {} examples from {} in {} ms", examples.size(), location,
                (System.nanoTime() - started) / 1_000_000);
        return trained;
    }

    private Status trained(DepartmentClassifier trained, long millis) {
        Map<String, Long> counts = new TreeMap<>(trained.examples().stream()
                .collect(Collectors.groupingBy(DepartmentClassifier.Example::department, Collectors.counting())));
        return new Status(location.toString(), counts, Instant.now(), millis, null, null);
    }

    private void checkDepartments(Set<String> named) {
        Supplier<Set<String>> known = departmentsWithRoutes;
        if (known == null) {
            return;
        }
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(known.get());
        if (!missing.isEmpty()) {
            throw new RulesException(location + ": examples name department(s) without a route: " + missing
                    + " (a department needs a route from direct:department-<name>, see docs/adding-a-target.md)");
        }
    }

    private List<Resource> files() {
        try {
            return Arrays.stream(RESOLVER.getResources(location)).filter(Resource::isReadable)
                    .sorted(Comparator.comparing(Resource::getFilename)).toList();
        } catch (IOException e) {
            throw new RulesException(location + ": cannot list the example files (" + e.getMessage() + ")", e);
        }
    }

    /** The example files, summarised: names and contents, so an edit within a timestamp tick is seen. */
    private int stamp() {
        int stamp = 17;
        try {
            for (Resource file : files()) {
                try (InputStream in = file.getInputStream()) {
                    stamp = stamp * 31 + file.getFilename().hashCode() * 31 + Arrays.hashCode(in.readAllBytes());
                }
            }
        } catch (IOException | RulesException e) {
            return 0;
        }
        return stamp;
    }

    @Override
    public void destroy() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
