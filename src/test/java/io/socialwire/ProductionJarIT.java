package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The jars ./mvnw package leaves: the production hub carries no emulator, no embedded broker and no Kafka server jar,
 * nor does what Jib builds the image from; the try-it jar carries all of them. Started without its settings, the
 * production hub stops and names them instead of writing to emulators that are not there.
 */
class ProductionJarIT {

    private static final Path PRODUCTION = Path.of(System.getProperty("socialwire.production-jar",
            "target/socialwire-0.1.0-SNAPSHOT.jar"));
    private static final Path TRY_IT = Path.of(System.getProperty("socialwire.tryit-jar",
            "target/socialwire-0.1.0-SNAPSHOT-tryit.jar"));
    /** Kafka's server side, and what only it brings: the broker the try-it jar embeds. */
    private static final List<String> BROKER_JARS = List.of("kafka_2.13-", "kafka-server-", "kafka-metadata-",
            "kafka-raft-", "kafka-storage-", "scala-library-");

    @Test
    void theProductionJarHasNoTryItCodeAndNoKafkaServer() throws IOException {
        List<String> entries = entries(PRODUCTION);

        assertThat(entries).contains("BOOT-INF/classes/io/socialwire/SocialwireApplication.class");
        // the operator console is served from the jar (docs/console.md)
        assertThat(entries).contains("BOOT-INF/classes/console/index.html", "BOOT-INF/classes/console/app.js",
                "BOOT-INF/classes/io/socialwire/console/ConsoleAssets.class");
        assertThat(entries).doesNotContainAnyElementsOf(tryItClasses("BOOT-INF/classes/"))
                .noneMatch(e -> e.startsWith("BOOT-INF/classes/io/socialwire/emulator/")
                        || e.startsWith("BOOT-INF/classes/io/socialwire/tryit/") || e.contains("EmbeddedKraftBroker")
                        || e.endsWith("application-tryit.yaml"))
                .noneMatch(ProductionJarIT::isBrokerJar);
        assertThat(mainClass(PRODUCTION)).isEqualTo("io.socialwire.SocialwireApplication");
    }

    @Test
    void theTryItJarHasTheEmulatorsTheBrokerAndItsMain() throws IOException {
        List<String> entries = entries(TRY_IT);

        assertThat(entries).containsAll(tryItClasses("BOOT-INF/classes/"))
                .contains("BOOT-INF/classes/application-tryit.yaml")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/kafka_2.13-"))
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/kafka-server-"));
        assertThat(mainClass(TRY_IT)).isEqualTo("io.socialwire.tryit.TryItApplication");
    }

    /** Jib (packaged mode) builds the image from the jar the production repackage was made from, and runtime scope. */
    @Test
    void theImageIsBuiltFromTheProductionJarAndTheRuntimeDependenciesOnly() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        assertThat(XPathFactory.newInstance().newXPath().evaluate(
                "//plugin[artifactId='jib-maven-plugin']/configuration/containerizingMode", pom)).isEqualTo("packaged");
        Path original = PRODUCTION.resolveSibling(PRODUCTION.getFileName() + ".original");
        assertThat(entries(original)).contains("io/socialwire/SocialwireApplication.class")
                .doesNotContainAnyElementsOf(tryItClasses(""))
                .noneMatch(e -> e.startsWith("io/socialwire/emulator/") || e.startsWith("io/socialwire/tryit/")
                        || e.endsWith("application-tryit.yaml"));
        List<String> runtime = List.of(Files.readString(Path.of("target/runtime-classpath.txt")).strip()
                .split(File.pathSeparator));
        assertThat(runtime).isNotEmpty().noneMatch(jar -> isBrokerJar(Path.of(jar).getFileName().toString()));
    }

    @Test
    void withoutItsSettingsTheProductionJarStopsAndNamesThem(@TempDir Path emptyFolder) throws Exception {
        Path log = emptyFolder.resolve("hub.log");
        ProcessBuilder hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", PRODUCTION.toAbsolutePath().toString())
                .directory(emptyFolder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // nothing from the shell that runs the build: no setting, no profile
        Map<String, String> env = hub.environment();
        env.keySet().removeIf(name -> !List.of("PATH", "HOME", "TMPDIR", "LANG").contains(name));
        Process process = hub.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("APPLICATION FAILED TO START", "KAFKA_BOOTSTRAP_SERVERS is not set",
                "SERVICENOW_API_URL is not set", "SALESFORCE_CLIENT_ID is not set", "MARKETING_WEBHOOK_URL is not set",
                "PR_ALERT_WEBHOOK_URL is not set", "try-it jar").doesNotContain("localhost");
    }

    /** The class files compiled from src/emulators/java, and its resources, under {@code prefix}. */
    private static List<String> tryItClasses(String prefix) throws IOException {
        Path sources = Path.of("src/emulators/java");
        Path resources = Path.of("src/emulators/resources");
        try (Stream<Path> java = Files.walk(sources); Stream<Path> other = Files.walk(resources)) {
            List<String> names = Stream.concat(
                    java.filter(p -> p.toString().endsWith(".java")).map(p -> sources.relativize(p).toString()
                            .replaceAll("\\.java$", ".class")),
                    other.filter(Files::isRegularFile).map(p -> resources.relativize(p).toString())).toList();
            assertThat(names).as("the try-it sources").isNotEmpty();
            return names.stream().map(name -> prefix + name.replace(File.separatorChar, '/')).toList();
        }
    }

    private static boolean isBrokerJar(String entry) {
        String name = entry.substring(entry.lastIndexOf('/') + 1);
        return BROKER_JARS.stream().anyMatch(name::startsWith);
    }

    private static List<String> entries(Path jar) throws IOException {
        assertThat(jar).as("./mvnw package builds it").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    private static String mainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Start-Class");
        }
    }
}
