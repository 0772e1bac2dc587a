package io.apogee.store.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code abort} file: present while the store runs, removed by a clean shutdown. Finding it at
 * start means the last run crashed and recovery must scan with checks. It holds the PID as text.
 *
 * <p>Thread-safe (file-system operations only).
 */
public final class AbortMarker {
    private final Path path;

    public AbortMarker(Path root) {
        this.path = root.resolve("abort");
    }

    public boolean exists() {
        return Files.exists(path);
    }

    public void create() {
        try {
            Files.write(path, Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
