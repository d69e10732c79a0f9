package io.socialwire.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.socialwire.kafka.DeferredAcks;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KeyedState's memory of its own recent writes, with the store and Kafka replaced: the store has not read the
 * writes back yet, and Kafka takes a write or not.
 */
class KeyedStateTest {

    private final HubState state = mock(HubState.class);
    private final KeyedState<String> receipts = new KeyedState<>(state, StateTopology.RECEIPTS, 100, v -> v, v -> v);

    @BeforeEach
    void storeNotCaughtUp() {
        when(state.topic(StateTopology.RECEIPTS)).thenReturn("socialwire.receipts");
        when(state.getAll(eq(StateTopology.RECEIPTS), anyCollection())).thenReturn(Map.of());
    }

    @Test
    void aWriteKafkaTookIsReadBackBeforeTheStoreHasIt() {
        when(state.send(eq(StateTopology.RECEIPTS), eq("x:1"), any(), any())).thenReturn(CompletableFuture
                .completedFuture(new RecordMetadata(new TopicPartition("socialwire.receipts", 0), 7, 0, 0, 3, 20)));
        List<Future<?>> batch = DeferredAcks.open();

        receipts.put("x:1", "[created]");
        DeferredAcks.awaitAll(batch);

        assertThat(receipts.get("x:1")).isEqualTo("[created]");
    }

    /**
     * A batch whose receipt Kafka did not take fails and is consumed again: its receipt must not be read from the
     * writer's memory then, or the retry finds it "published" and the receipt never lands.
     */
    @Test
    void aWriteKafkaDidNotTakeIsNotReadBack() {
        when(state.send(eq(StateTopology.RECEIPTS), eq("x:1"), any(), any())).thenAnswer(call -> {
            TimeoutException lost = new TimeoutException("Expiring 1 record(s) for socialwire.receipts-0");
            Consumer<Exception> onFailure = call.getArgument(3);
            onFailure.accept(lost);
            return CompletableFuture.failedFuture(lost);
        });
        List<Future<?>> batch = DeferredAcks.open();

        receipts.put("x:1", "[created]");
        assertThatThrownBy(() -> DeferredAcks.awaitAll(batch)).hasMessageContaining("did not acknowledge");

        assertThat(receipts.get("x:1")).as("what the store has: nothing").isNull();
    }
}
