package io.socialwire.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.socialwire.tryit.TryItApplication;

/**
 * The hub as a child JVM, started as the try-it jar starts it (its own embedded Kafka included), so a test can kill
 * it with SIGKILL or stop it with SIGTERM and start it again on the same data folder and ports.
 */
public final class HubProcess implements AutoCloseable {

    private final List<String> settings;
    private final int port;
    private final Path logDir;
    private Process process;
    private int starts;

    public HubProcess(int port, List<String> settings, Path logDir) {
        this.port = port;
        this.settings = settings;
        this.logDir = logDir;
    }

    public void start() {
        start(Duration.ofSeconds(90));
    }

    /** Starts the hub and waits up to {@code readiness} until it is ready (longer for a hub joining a busy cluster). */
    public void start(Duration readiness) {
        String classpath = "target/classes" + File.pathSeparator + classpath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath, TryItApplication.class.getName(),
                "--server.port=" + port));
        settings.forEach(s -> command.add("--" + s));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("hub-" + (++starts) + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(readiness).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + logDir);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** SIGKILL: no shutdown hook, no flush, no clean Kafka shutdown. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    public void terminate() {
        process.destroy();
        waitForExit();
    }

    /** Never leaves a hub running behind a failed test. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        awaitExit(process, 60);
    }

    /** Waits for a process asked to stop; SIGKILL if it has not within the given seconds. */
    static void awaitExit(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The hub's runtime dependencies and the try-it jar's Kafka server jars, as the build wrote them. */
    static String classpath() {
        return read(Path.of("target/runtime-classpath.txt")) + File.pathSeparator
                + read(Path.of("target/tryit-classpath.txt"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path).strip().replace("\n", File.pathSeparator);
        } catch (IOException e) {
            throw new UncheckedIOException("run the build first (mvn verify writes " + path + ")", e);
        }
    }
}
