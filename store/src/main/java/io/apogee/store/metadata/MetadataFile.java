package io.apogee.store.metadata;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JSON metadata file under {@code config/}. Writes go through a forced temporary file and an
 * atomic rename, keeping the previous content as {@code X.bak}, so a crash mid-write leaves the old
 * or the new file, never a broken one. Reads fall back to {@code X.bak} when {@code X} is missing,
 * empty or not JSON — the state RocketMQ's own write protocol can leave behind.
 *
 * <p>Thread-safety: stateless; callers serialise writes to the same file.
 */
public final class MetadataFile {
    private final Path path;

    public MetadataFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public void write(Object tree) {
        try {
            AtomicFile.write(path, JsonDialect.write(tree).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The parsed file, or its backup, or null when neither holds JSON. */
    public JSONObject read() {
        JSONObject main = JsonDialect.parse(readText(path));
        if (main != null) {
            return main;
        }
        return JsonDialect.parse(readText(path.resolveSibling(path.getFileName() + ".bak")));
    }

    private static String readText(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
