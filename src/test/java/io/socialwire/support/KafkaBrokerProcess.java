package io.socialwire.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.socialwire.tryit.EmbeddedKraftBroker;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one) in a JVM of its own, started the way an operator runs
 * one from Kafka's own jars: {@code kafka-storage.sh format --ignore-formatted} (here {@link StorageTool}, in the
 * test JVM: it only writes files), then {@code kafka-server-start.sh server.properties} ({@code kafka.Kafka}, in a
 * child JVM on the try-it jar's classpath, which carries Kafka 3.9's jars). Loopback only, replication 1.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path root;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBrokerProcess(Path root) {
        this.root = root.toAbsolutePath();
        this.port = freePort();
        this.controllerPort = freePort();
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage (once), starts the broker and waits until it answers a client. */
    public void start() {
        try {
            Files.createDirectories(root.resolve("logs"));
            Files.createDirectories(root.resolve("metadata"));
            Path config = root.resolve("server.properties");
            Files.writeString(config, properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            Path logging = root.resolve("logback.xml");
            // kafka.Kafka logs through SLF4J to the logback on the classpath: WARN and up, or it writes ~800 lines
            Files.writeString(logging, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            format(config);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dlogback.configurationFile=" + logging,
                    "-cp", HubProcess.classpath(), "kafka.Kafka", config.toString()));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("broker.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited with " + process.exitValue()
                                    + "; see " + root.resolve("broker.log"));
                        }
                        return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                    });
        }
    }

    private Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        EmbeddedKraftBroker.singleNode(port, controllerPort, root.resolve("logs"), root.resolve("metadata"))
                .forEach((key, value) -> p.put(key.toString(), value.toString()));
        return p;
    }

    private void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "--ignore-formatted"}, print);
        }
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format failed (" + status + "): "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** SIGTERM, as an operator stops it; SIGKILL if it does not stop within 30 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        HubProcess.awaitExit(process, 30);
    }


    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
