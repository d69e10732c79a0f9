package io.socialwire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads under src/test/resources, read as the exact bytes a sender would put on the wire. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            byte[] all = in.readAllBytes();
            // files end with a newline an editor adds; senders do not send it
            int end = all.length;
            while (end > 0 && (all[end - 1] == '\n' || all[end - 1] == '\r')) {
                end--;
            }
            return java.util.Arrays.copyOf(all, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
