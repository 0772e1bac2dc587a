package io.apogee.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndKeepsThePreviousAsBackup() throws Exception {
        Path file = dir.resolve("sub/kvConfig.json");
        AtomicFile.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(AtomicFile.read(file)).asString(StandardCharsets.UTF_8).isEqualTo("two");
        assertThat(dir.resolve("sub/kvConfig.json.bak")).hasContent("one");
        assertThat(dir.resolve("sub/kvConfig.json.tmp")).doesNotExist();
    }

    @Test
    void readsTheBackupWhenTheFileIsGoneAndNullWhenBothAre() throws Exception {
        Path file = dir.resolve("f.json");
        assertThat(AtomicFile.read(file)).isNull();
        AtomicFile.write(file, "a".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, "b".getBytes(StandardCharsets.UTF_8));
        Files.delete(file);
        assertThat(AtomicFile.read(file)).asString(StandardCharsets.UTF_8).isEqualTo("a");
    }
}
