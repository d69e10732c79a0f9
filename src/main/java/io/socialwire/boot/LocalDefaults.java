package io.socialwire.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Settles, before anything reads them, the values that depend on where the hub runs:
 * <ul>
 * <li>{@code server.port=0} becomes a concrete free port, so the emulator URLs the sinks call (built from
 * {@code ${server.port}}) are right from the start; tests and a second instance run beside a running hub.</li>
 * <li>routes, kamelets, routing rules, the routing examples and tests are read from {@code routes/} and {@code config/} on disk when the hub runs from the
 * project folder (editable without a rebuild), else from the copies packaged in the jar.</li>
 * </ul>
 */
public class LocalDefaults implements EnvironmentPostProcessor {

    static final String ROUTES = "camel.main.routes-include-pattern";
    static final String RULES = "socialwire.routing.rules";
    static final String EXAMPLES = "socialwire.routing.examples";
    static final String TESTS = "socialwire.routing.tests";
    static final String KAMELETS = "camel.component.kamelet.location";
    private static final String PACKAGED_ROUTES = "classpath*:routes/**/*.camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> settled = new HashMap<>();
        if ("0".equals(env.getProperty("server.port"))) {
            settled.put("server.port", freePort());
        }
        if (!env.containsProperty(ROUTES)) {
            settled.put(ROUTES, Files.isDirectory(Path.of("routes")) ? "file:routes/**/*.camel.yaml"
                    : packagedRoutes());
        }
        if (!env.containsProperty(KAMELETS)) {
            settled.put(KAMELETS, Files.isDirectory(Path.of("routes/kamelets")) ? "file:routes/kamelets"
                    : "classpath:routes/kamelets");
        }
        if (!env.containsProperty(RULES)) {
            settled.put(RULES, Files.isRegularFile(Path.of("config/routing.yaml")) ? "file:config/routing.yaml"
                    : "classpath:config/routing.yaml");
        }
        if (!env.containsProperty(EXAMPLES)) {
            settled.put(EXAMPLES, Files.isDirectory(Path.of("config/routing-examples"))
                    ? "file:config/routing-examples/*.yaml" : "classpath*:config/routing-examples/*.yaml");
        }
        if (!env.containsProperty(TESTS)) {
            settled.put(TESTS, Files.isRegularFile(Path.of("config/routing-tests.yaml"))
                    ? "file:config/routing-tests.yaml" : "classpath:config/routing-tests.yaml");
        }
        env.getPropertySources().addFirst(new MapPropertySource("socialwire-local-defaults", settled));
    }

    /**
     * The route files packaged in the jar, each by name: Camel's own scan of {@code classpath:routes/**} inside a
     * Spring Boot jar loses the sub-folders ({@code routes/common/x.camel.yaml} becomes {@code routes/x.camel.yaml}),
     * so the jar would not start outside the project folder. Classes on disk Camel scans itself.
     */
    static String packagedRoutes() {
        try {
            List<String> files = new ArrayList<>();
            for (Resource route : new PathMatchingResourcePatternResolver().getResources(PACKAGED_ROUTES)) {
                String url = route.getURL().toString();
                int entry = url.lastIndexOf("!/");
                if (entry < 0) {
                    return "classpath:routes/**/*.camel.yaml";
                }
                files.add("classpath:" + url.substring(entry + 2));
            }
            Collections.sort(files);
            return String.join(",", files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
