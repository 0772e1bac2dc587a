package io.apogee.store.cleanup;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How full the partition holding a path is, as a ratio in [0, 1]. Injected so tests can
 * simulate a full disk.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DiskUsage {

    double usedRatio(Path path);

    /** The real partition usage; -1 if it cannot be read (treated as not full). */
    static DiskUsage fileStore() {
        return path -> {
            try {
                Path existing = path;
                for (int i = 0; i < 64 && existing != null && !Files.exists(existing); i++) {
                    existing = existing.getParent();
                }
                if (existing == null) {
                    return -1;
                }
                FileStore store = Files.getFileStore(existing);
                long total = store.getTotalSpace();
                return total <= 0 ? -1 : (double) (total - store.getUsableSpace()) / total;
            } catch (IOException e) {
                return -1;
            }
        };
    }
}
