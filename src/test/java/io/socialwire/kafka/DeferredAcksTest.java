package io.socialwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredAcksTest {

    @AfterEach
    void clear() {
        DeferredAcks.leave(null);
    }

    @Test
    void aThreadThatJoinsABatchDefersItsWritesToItAndLeavesAsItWas() throws Exception {
        List<Future<?>> batch = DeferredAcks.open();
        CompletableFuture<Void> pending = new CompletableFuture<>();

        AtomicReference<Object> afterLeaving = new AtomicReference<>("not run");
        Thread other = new Thread(() -> {
            List<Future<?>> before = DeferredAcks.join(batch);
            DeferredAcks.acknowledge(pending, "socialwire.threads"); // would wait 20 s if not deferred
            DeferredAcks.leave(before);
            afterLeaving.set(DeferredAcks.current());
        });
        other.start();
        other.join(5_000);

        assertThat(other.isAlive()).as("the joined write did not wait for Kafka").isFalse();
        assertThat(batch).containsExactly(pending);
        assertThat(afterLeaving.get()).as("the other thread is in no batch again").isNull();
        assertThat(DeferredAcks.current()).as("the batch's own thread is still in it").isSameAs(batch);
    }

    @Test
    void joiningOnTheBatchsOwnThreadLeavesItInTheBatch() {
        List<Future<?>> batch = DeferredAcks.open();

        List<Future<?>> before = DeferredAcks.join(batch);
        DeferredAcks.leave(before);

        assertThat(DeferredAcks.current()).isSameAs(batch);
    }
}
