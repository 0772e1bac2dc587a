package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageRecordLayout;
import io.apogee.store.file.FileNames;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogRollingTest {
    private static final int FILE_SIZE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void rollsToANewFileClosedByABlankRecordAndReadsSpanBothFiles() throws Exception {
        long[] offsets = new long[40];
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            for (int i = 0; i < offsets.length; i++) {
                PutMessageResult r = store.put(message("roll", 0, new byte[3000], null, null).build()).get();
                assertThat(r.isOk()).isTrue();
                offsets[i] = r.append().wroteOffset();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("roll", 0) == 40);

            int firstInSecondFile = 0;
            while (offsets[firstInSecondFile] < FILE_SIZE) {
                firstInSecondFile++;
            }
            assertThat(offsets[firstInSecondFile]).as("the record that did not fit starts the next file")
                    .isEqualTo(FILE_SIZE);
            long previousEnd = offsets[firstInSecondFile - 1] + store.readRecord(offsets[firstInSecondFile - 1])
                    .remaining();

            GetMessageResult span = store.getMessages("roll", 0, firstInSecondFile - 2, 4, 1 << 20,
                    MessageFilter.all());
            assertThat(span.queueOffsets()).containsExactly((long) firstInSecondFile - 2,
                    (long) firstInSecondFile - 1, (long) firstInSecondFile, (long) firstInSecondFile + 1);

            try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .contains(FileNames.of(0), FileNames.of(FILE_SIZE));
            }
            try (FileChannel ch = FileChannel.open(dir.resolve("commitlog").resolve(FileNames.of(0)),
                    StandardOpenOption.READ)) {
                ByteBuffer blank = ByteBuffer.allocate(8);
                ch.read(blank, previousEnd);
                assertThat(blank.getInt(0)).as("blank length = bytes left in the file")
                        .isEqualTo((int) (FILE_SIZE - previousEnd));
                assertThat(blank.getInt(4)).isEqualTo(MessageRecordLayout.BLANK_MAGIC_CODE);
            }
        }
    }

    @Test
    void consumeQueueRollsOverItsOwnFiles() throws Exception {
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            for (int i = 0; i < 25; i++) {
                store.put(message("cq", 2, "m" + i).build()).get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("cq", 2) == 25);
            try (Stream<Path> files = Files.list(dir.resolve("consumequeue").resolve("cq").resolve("2"))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly(FileNames.of(0), FileNames.of(200), FileNames.of(400));
            }
            GetMessageResult across = store.getMessages("cq", 2, 8, 5, 1 << 20, MessageFilter.all());
            assertThat(across.queueOffsets()).containsExactly(8L, 9L, 10L, 11L, 12L);
        }
    }
}
