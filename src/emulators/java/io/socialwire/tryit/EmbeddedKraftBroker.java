package io.socialwire.tryit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one) inside this JVM, storing under a fixed folder so what it
 * acknowledged survives restarts and kills. Logs and metadata live in sibling folders, and an application-level
 * file lock refuses a second process on the same folder cleanly (Kafka's own lock would halt the JVM).
 */
public class EmbeddedKraftBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKraftBroker.class);

    private final Path root;
    private final int configuredPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private FileChannel lockChannel;
    private FileLock lock;
    private int port;

    public EmbeddedKraftBroker(Path dataDir, int port, Map<String, String> overrides) {
        this.root = dataDir.toAbsolutePath().normalize();
        this.configuredPort = port;
        this.overrides = overrides;
    }

    public synchronized void start() throws IOException {
        Path logs = root.resolve("logs");
        Path metadata = root.resolve("metadata");
        Files.createDirectories(logs);
        Files.createDirectories(metadata);
        lockChannel = FileChannel.open(root.resolve("embedded-broker.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("Another process is using the Kafka data folder " + root
                    + "; stop it or point socialwire.kafka.embedded.data-dir elsewhere");
        }
        port = configuredPort == 0 ? freePort() : configuredPort;
        int controllerPort = freePort();
        KafkaConfig config = new KafkaConfig(properties(logs, metadata, controllerPort), false);
        try {
            format(config, logs, metadata);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("Embedded Kafka ready at {} (data in {})", bootstrapServers(), root);
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Properties properties(Path logs, Path metadata, int controllerPort) {
        Properties p = singleNode(port, controllerPort, logs, metadata);
        p.putAll(overrides);
        return p;
    }

    /** A single-node KRaft broker on loopback, small and quick to restart (also what tests run in their own JVM). */
    public static Properties singleNode(int port, int controllerPort, Path logs, Path metadata) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("metadata.log.dir", metadata.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB cleaner buffer is allocated on the heap
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        // short sessions let a restart after a kill re-register in seconds rather than after 9 s of fencing
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        return p;
    }

    /** Formats the storage only when it is not formatted yet, keeping the stored cluster id. */
    private static void format(KafkaConfig config, Path logs, Path metadata) {
        try {
            MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(logs.toString(), metadata.toString()))
                    .addMetadataLogDir(metadata.toString())
                    .load();
            if (ensemble.emptyLogDirs().isEmpty()) {
                return;
            }
            String clusterId = ensemble.clusterId().orElseGet(() -> Uuid.randomUuid().toString());
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logs.toString(), metadata.toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded Kafka storage", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
