package io.socialwire.emulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An emulator's records on disk ({@code <socialwire.emulators.data-dir>/<system>.jsonl}), so they outlive a restart
 * of the try-it hub as its Kafka data does: a follow-up sent after a restart finds the record its conversation
 * created. Each change is one JSON line appended (and handed to the OS) as it happens, whatever the number of
 * records; at start the lines are read back and the file is rewritten with one line per record still there. A line
 * cut short by a kill is skipped. Without a folder it keeps nothing: the records live in memory only.
 */
public final class EmulatorJournal implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path file;
    private BufferedWriter out;

    private EmulatorJournal(Path file) {
        this.file = file;
    }

    /** The journal of one emulator in {@code dataDir}; none (in memory only) when {@code dataDir} is empty. */
    public static EmulatorJournal open(String dataDir, String system) {
        return new EmulatorJournal(dataDir == null || dataDir.isBlank() ? null
                : Path.of(dataDir).resolve(system + ".jsonl"));
    }

    public static EmulatorJournal inMemory() {
        return new EmulatorJournal(null);
    }

    /**
     * Replays what was written before, oldest first, into the store, then rewrites the file with what the store holds
     * now ({@code current}) and keeps it open for {@link #append}.
     */
    public synchronized <T> void restore(Class<T> type, Consumer<T> replay, Supplier<Collection<?>> current) {
        read(type).forEach(replay);
        rewrite(current.get());
    }

    private <T> List<T> read(Class<T> type) {
        List<T> entries = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        entries.add(JSON.readValue(line, type));
                    } catch (JsonProcessingException cutShort) {
                        // the last line of a process that was killed while writing it
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private void rewrite(Collection<?> entries) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (BufferedWriter writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                for (Object entry : entries) {
                    writer.write(JSON.writeValueAsString(entry));
                    writer.newLine();
                }
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one change, after {@link #restore}. */
    public synchronized void append(Object entry) {
        if (out == null) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(entry));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
            out = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
