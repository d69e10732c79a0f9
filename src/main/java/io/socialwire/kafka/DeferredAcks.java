package io.socialwire.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the writes a batch makes to the compacted stores (index, receipts, lanes) go out together: after
 * {@link #open()} on a consumer thread, a store write there does not wait for Kafka's acknowledgement but joins the
 * batch's list, which {@link #awaitAll} waits for before the batch's offsets are committed (from whatever thread
 * the batch ends on: an asynchronous component may hand the route to its own thread, where writes wait for
 * themselves). Elsewhere every write waits for its own acknowledgement.
 */
public final class DeferredAcks {

    private static final ThreadLocal<List<Future<?>>> PENDING = new ThreadLocal<>();

    private DeferredAcks() {
    }

    /** Starts a batch on this thread; the list its writes join (a newer batch on the thread replaces it). */
    public static List<Future<?>> open() {
        List<Future<?>> pending = Collections.synchronizedList(new ArrayList<>());
        PENDING.set(pending);
        return pending;
    }

    /** The batch this thread is in, or null. */
    public static List<Future<?>> current() {
        return PENDING.get();
    }

    /**
     * This thread joins a batch opened on another (an asynchronous component answered on its own thread, where the
     * route goes on); returns what this thread was in, for {@link #leave}.
     */
    public static List<Future<?>> join(List<Future<?>> pending) {
        List<Future<?>> previous = PENDING.get();
        if (pending != null) {
            PENDING.set(pending);
        }
        return previous;
    }

    /** After {@link #join}: the thread is back in what it was in before. */
    public static void leave(List<Future<?>> previous) {
        if (previous == null) {
            PENDING.remove();
        } else {
            PENDING.set(previous);
        }
    }

    /** Waits for every write of the batch; throws if Kafka refused one. */
    public static void awaitAll(List<Future<?>> pending) {
        if (pending == null) {
            return;
        }
        synchronized (pending) {
            for (Future<?> write : pending) {
                await(write, "a store");
            }
            pending.clear();
        }
    }

    /** Waits for this write now, or leaves it to the batch this thread is in. */
    public static void acknowledge(Future<?> write, String topic) {
        List<Future<?>> pending = PENDING.get();
        if (pending != null) {
            pending.add(write);
        } else {
            await(write, topic);
        }
    }

    public static void await(Future<?> write, String what) {
        try {
            write.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the write to " + what, e);
        }
    }
}
