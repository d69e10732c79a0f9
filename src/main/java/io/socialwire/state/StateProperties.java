package io.socialwire.state;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how the hub keeps its state (Kafka Streams state stores).
 *
 * @param dir              this instance's local state (RocksDB files, its instance id); one per instance, never shared
 * @param advertisedHost   how the other instances reach this one's HTTP port, to ask it for the keys it owns
 * @param applicationId    the Kafka Streams application id: the consumer group of the state and the prefix of its
 *                         internal topics; every instance of one hub shares it
 * @param receiptRetention how long a receipt (where an interaction went) is kept
 * @param restoreTimeout   how long start-up waits for this instance's partitions to be restored
 * @param queryTimeout     how long a read waits for the owner of a key while partitions move
 * @param memory           the off-heap memory all RocksDB stores of the instance share (block cache and memtables)
 * @param recentWrites     how many of its own writes an instance remembers until the stores have them (read your writes)
 */
@ConfigurationProperties("socialwire.state")
public record StateProperties(
        @DefaultValue("data/state") Path dir,
        @DefaultValue("localhost") String advertisedHost,
        @DefaultValue("socialwire-state") String applicationId,
        @DefaultValue("30d") Duration receiptRetention,
        @DefaultValue("5m") Duration restoreTimeout,
        @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("64MB") DataSize memory,
        @DefaultValue("50000") long recentWrites) {
}
