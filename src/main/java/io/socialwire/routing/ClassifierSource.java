package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private final WatchedConfig<DepartmentClassifier> classifier;

    /** {@code location}: a pattern of the example files, {@code file:config/routing-examples/*.yaml}. */
    public ClassifierSource(String location) {
        this.location = location;
        this.classifier = new WatchedConfig<>("routing examples", location, this::stamp, this::train);
    }

    DepartmentClassifier current() {
        return classifier.current();
    }

    public Status status() {
        WatchedConfig.Loaded<DepartmentClassifier> loaded = classifier.loaded();
        Map<String, Long> counts = new TreeMap<>(loaded.value().examples().stream()
                .collect(Collectors.groupingBy(DepartmentClassifier.Example::department, Collectors.counting())));
        return new Status(location, counts, loaded.at(), loaded.millis(), loaded.refused(), loaded.refusedAt());
    }

    /** From now on, examples must name only departments with a route; the active ones are checked at once. */
    public void requireRoutes(Supplier<Set<String>> departments) {
        classifier.require(candidate -> checkDepartments(candidate.departments(), departments.get()));
    }

    /** Checks the location every {@code interval} and retrains after a good edit. */
    public void watch(Duration interval) {
        classifier.watch(interval);
    }

    /** Retrains when an example file changed since the last attempt; returns whether a new classifier is active. */
    public boolean retrainIfChanged() {
        return classifier.reloadIfChanged();
    }

    private DepartmentClassifier train() {
        List<DepartmentClassifier.Example> examples = LabelledExamples.load(location, files());
        long started = System.nanoTime();
        DepartmentClassifier trained = DepartmentClassifier.train(examples);
        LOG.info("Trained the routing classifier on {} examples from {} in {} ms", examples.size(), location,
                (System.nanoTime() - started) / 1_000_000);
        return trained;
    }

    private void checkDepartments(Set<String> named, Set<String> withRoutes) {
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(withRoutes);
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
        classifier.stop();
    }
}
