package io.socialwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredAcksTest {

    @AfterEach
    void clear() {
        DeferredAcks.close();
    }

    @Test
    void aWriteOnTheBatchsThreadJoinsTheBatchAndIsAwaitedWithIt() {
        List<Future<?>> batch = DeferredAcks.open();
        CompletableFuture<Void> pending = new CompletableFuture<>();

        DeferredAcks.acknowledge(pending, "socialwire.threads"); // would wait 20 s if not deferred

        assertThat(batch).containsExactly(pending);
        pending.completeExceptionally(new IllegalStateException("broker down"));
        assertThatThrownBy(() -> DeferredAcks.awaitAll(batch)).hasMessageContaining("did not acknowledge");
    }

    @Test
    void aWriteOnAnotherThreadWaitsForItsOwnAcknowledgement() throws Exception {
        List<Future<?>> batch = DeferredAcks.open();
        CompletableFuture<Void> acknowledged = CompletableFuture.completedFuture(null);
        AtomicReference<Object> otherThreadsBatch = new AtomicReference<>("not run");

        Thread other = new Thread(() -> {
            DeferredAcks.acknowledge(acknowledged, "socialwire.threads");
            otherThreadsBatch.set(DeferredAcks.current());
        });
        other.start();
        other.join(5_000);

        assertThat(otherThreadsBatch.get()).as("the other thread is in no batch").isNull();
        assertThat(batch).as("its write was not left to this thread's batch").isEmpty();
    }
}
