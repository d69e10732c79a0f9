package io.socialwire.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The node scripts of src/test/node (npm clients of the emulators, the console in a browser): their modules installed
 * from package-lock.json when missing (.ci/run installs them first), and each run with its last output line read as
 * JSON.
 */
public final class NodeScripts {

    public static final Path FOLDER = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScripts() {
    }

    /** {@code npm ci} when one of the modules is not installed. */
    public static void install(String... modules) throws IOException, InterruptedException {
        if (Arrays.stream(modules).anyMatch(m -> !Files.isDirectory(FOLDER.resolve("node_modules").resolve(m)))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
    }

    /** Runs {@code node <script> <arguments>}; the JSON of its last output line. */
    public static JsonNode node(int timeoutSeconds, String script, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        String[] lines = run(command, timeoutSeconds).strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** Runs a command in the scripts' folder; its standard output, or a failure with its output and errors. */
    public static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        File output = Files.createTempFile(Path.of("target"), "node-", ".out").toFile();
        File errors = Files.createTempFile(Path.of("target"), "node-", ".err").toFile();
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(FOLDER.toFile())
                .redirectOutput(output).redirectError(errors).start();
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String stdout = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        assertThat(exited && process.exitValue() == 0)
                .as("%s exited with %s%nstdout: %s%nstderr: %s", command, exited ? process.exitValue() : "timeout",
                        stdout, Files.readString(errors.toPath()))
                .isTrue();
        return stdout;
    }
}
