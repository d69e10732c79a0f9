package io.socialwire.routing;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration read from files and watched (the routing rules, the examples the classifier learns from): a good
 * edit replaces it at once; an edit that cannot be used is refused with its reason (file, line, field) and the last
 * good one stays. Spring reloads properties, not files that must be checked whole before they replace what is
 * active, hence this small class.
 *
 * @param <T> what the files are read into
 */
final class WatchedConfig<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedConfig.class);

    /** The active configuration, when and how fast it was read, and the last refused edit since. */
    record Loaded<T>(T value, Instant at, long millis, String refused, Instant refusedAt) {
    }

    private final String what;
    private final String source;
    private final Supplier<?> stamp;
    private final Supplier<T> read;
    private volatile Consumer<T> check = value -> { };
    private volatile Loaded<T> loaded;
    private volatile Object loadedStamp;
    private ScheduledExecutorService watcher;

    /**
     * Reads the configuration now; a failure to read it is thrown, so a hub with a bad configuration does not start.
     *
     * @param what  what the files hold, for the log ("routing rules")
     * @param stamp a summary of the files' contents that changes with any edit (an edit within the file system's
     *              timestamp resolution included)
     * @param read  reads the files, throwing {@link RulesException} or {@link UncheckedIOException} with the reason
     */
    WatchedConfig(String what, String source, Supplier<?> stamp, Supplier<T> read) {
        this.what = what;
        this.source = source;
        this.stamp = stamp;
        this.read = read;
        this.loadedStamp = stamp.get();
        long started = System.nanoTime();
        this.loaded = new Loaded<>(read.get(), Instant.now(), millisSince(started), null, null);
    }

    T current() {
        return loaded.value();
    }

    Loaded<T> loaded() {
        return loaded;
    }

    /** From now on, every edit must pass {@code check} too; the active configuration is checked at once. */
    void require(Consumer<T> check) {
        this.check = check;
        check.accept(loaded.value());
    }

    /** Checks the files every {@code interval} and applies a good edit. */
    void watch(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, what.replace(' ', '-') + "-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads the files again when they changed since the last attempt; returns whether the edit became active. */
    synchronized boolean reloadIfChanged() {
        Object now = stamp.get();
        if (now == null || Objects.equals(now, loadedStamp)) {
            return false;
        }
        loadedStamp = now;
        Loaded<T> before = loaded;
        try {
            long started = System.nanoTime();
            T candidate = read.get();
            check.accept(candidate);
            loaded = new Loaded<>(candidate, Instant.now(), millisSince(started), null, null);
            LOG.info("Applied the edit of the {} from {} in {} ms", what, source, loaded.millis());
            return true;
        } catch (RulesException | UncheckedIOException e) {
            loaded = new Loaded<>(before.value(), before.at(), before.millis(), e.getMessage(), Instant.now());
            LOG.error("Refused the edit of the {}, the last good ones stay: {}", what, e.getMessage());
            return false;
        }
    }

    void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
