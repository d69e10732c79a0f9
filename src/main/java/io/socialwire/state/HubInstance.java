package io.socialwire.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * Who this hub process is among the instances sharing one Kafka: an id generated once and kept in its state folder,
 * which it locks. A restart on the same folder is the same instance (its consumers rejoin their groups at once, as
 * static members); two processes never share an id, because a second one on a folder in use stops at start-up.
 * The id is published as {@code socialwire.instance.id} for the consumers' group instance ids.
 */
@Component
public class HubInstance implements DisposableBean {

    static final String ID_PROPERTY = "socialwire.instance.id";

    private final String id;
    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock lock;

    HubInstance(StateProperties properties, ConfigurableEnvironment env) {
        this.dir = properties.dir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            lockFile = FileChannel.open(dir.resolve("instance.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = tryLock(lockFile);
            if (lock == null) {
                lockFile.close();
                throw new IllegalStateException("The state folder " + dir + " is in use by another hub process."
                        + " Give each instance its own folder (SOCIALWIRE_STATE_DIR or SOCIALWIRE_DATA_DIR).");
            }
            id = readOrCreateId(dir.resolve("instance-id"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the state folder " + dir, e);
        }
        env.getPropertySources().addFirst(new MapPropertySource("socialwire-instance", Map.of(ID_PROPERTY, id)));
    }

    public String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM (another hub context on the same folder)
        }
    }

    private static String readOrCreateId(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file).strip();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        String fresh = "hub-" + UUID.randomUUID().toString().substring(0, 8);
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, fresh);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return fresh;
    }

    @Override
    public void destroy() throws IOException {
        lock.release();
        lockFile.close();
    }
}
