package io.socialwire.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles, before anything reads them, the values that depend on where the hub runs:
 * <ul>
 * <li>{@code server.port=0} becomes a concrete free port, so the emulator URLs the sinks call (built from
 * {@code ${server.port}}) are right from the start; tests and a second instance run beside a running hub.</li>
 * <li>routes, kamelets and routing rules are read from {@code routes/} and {@code config/} on disk when the hub runs from the
 * project folder (editable without a rebuild), else from the copies packaged in the jar.</li>
 * </ul>
 */
public class LocalDefaults implements EnvironmentPostProcessor {

    static final String ROUTES = "camel.main.routes-include-pattern";
    static final String RULES = "socialwire.routing.rules";
    static final String KAMELETS = "camel.component.kamelet.location";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> settled = new HashMap<>();
        if ("0".equals(env.getProperty("server.port"))) {
            settled.put("server.port", freePort());
        }
        if (!env.containsProperty(ROUTES)) {
            settled.put(ROUTES, Files.isDirectory(Path.of("routes")) ? "file:routes/**/*.camel.yaml"
                    : "classpath:routes/**/*.camel.yaml");
        }
        if (!env.containsProperty(KAMELETS)) {
            settled.put(KAMELETS, Files.isDirectory(Path.of("routes/kamelets")) ? "file:routes/kamelets"
                    : "classpath:routes/kamelets");
        }
        if (!env.containsProperty(RULES)) {
            settled.put(RULES, Files.isRegularFile(Path.of("config/routing.yaml")) ? "file:config/routing.yaml"
                    : "classpath:config/routing.yaml");
        }
        env.getPropertySources().addFirst(new MapPropertySource("socialwire-local-defaults", settled));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
