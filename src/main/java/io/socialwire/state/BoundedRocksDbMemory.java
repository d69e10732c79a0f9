package io.socialwire.state;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of the process shares one block cache and one memtable budget, so the off-heap memory of the
 * state is a setting ({@code socialwire.state.memory}) rather than 50 MB of cache and 48 MB of memtables per store
 * partition. This is the bounded-memory configuration of the Kafka Streams manual ("RocksDB memory management").
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final String MEMORY_BYTES = "socialwire.state.memory.bytes";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long bytes) {
        if (cache == null) {
            // a quarter of the budget for memtables, counted against the same cache; index and filter blocks
            // kept at high priority so a full cache evicts data blocks first
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 4, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init(Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_BYTES, 64L * 1024 * 1024))));
        BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache)
                options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }
}
