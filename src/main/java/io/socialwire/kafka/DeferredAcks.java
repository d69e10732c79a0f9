package io.socialwire.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the writes a batch makes to compacted topics (index, receipts, lanes) go out together: between
 * {@link #open()} and {@link #awaitAll()} on a thread, a write does not wait for Kafka's acknowledgement on its
 * own; {@link #awaitAll()} waits for all of them, before the batch's offsets are committed. Outside a scope every
 * write waits for its own acknowledgement.
 */
public final class DeferredAcks {

    private static final ThreadLocal<List<Future<?>>> PENDING = new ThreadLocal<>();

    private DeferredAcks() {
    }

    /** Starts a scope on this thread, dropping what an earlier, failed batch left. */
    public static void open() {
        PENDING.set(new ArrayList<>());
    }

    /** Waits for every write of the scope, which ends. */
    public static void awaitAll() {
        List<Future<?>> pending = PENDING.get();
        PENDING.remove();
        if (pending != null) {
            for (Future<?> write : pending) {
                await(write, "a batched write");
            }
        }
    }

    /** Waits for this write now, or leaves it to the thread's scope. */
    static void acknowledge(Future<?> write, String topic) {
        List<Future<?>> pending = PENDING.get();
        if (pending != null) {
            pending.add(write);
        } else {
            await(write, topic);
        }
    }

    static void await(Future<?> write, String what) {
        try {
            write.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + what, e);
        }
    }
}
