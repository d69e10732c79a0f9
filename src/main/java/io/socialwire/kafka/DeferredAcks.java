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
 * batch's list, which {@link #awaitAll} waits for before the batch's offsets are committed. Elsewhere every write
 * waits for its own acknowledgement, so a route that lets an asynchronous component carry it on to another thread
 * must wait for that component instead (a {@code direct:} call with {@code synchronous=true}).
 */
public final class DeferredAcks {

    /** The exchange property a batch route keeps its list in. */
    public static final String BATCH_PROPERTY = "kafkaBatchAcks";
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
     * Runs {@code writes} as part of the batch whose list is given (null: each write waits for itself): after a
     * parallel split a route goes on in whichever thread finished last, not the one that opened the batch.
     */
    public static void joining(List<Future<?>> pending, Runnable writes) {
        List<Future<?>> before = PENDING.get();
        PENDING.set(pending);
        try {
            writes.run();
        } finally {
            if (before == null) {
                PENDING.remove();
            } else {
                PENDING.set(before);
            }
        }
    }

    /** This thread is in no batch any more. */
    static void close() {
        PENDING.remove();
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
