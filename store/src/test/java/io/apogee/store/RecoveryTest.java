package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageRecordLayout;
import io.apogee.store.file.FileNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path dir;

    private StoreConfig config() {
        return StoreFixture.small(dir).flushDiskType(FlushDiskType.SYNC_FLUSH).build();
    }

    /** Puts {@code count} messages, closes cleanly, and returns each record's physical offset. */
    private List<Long> putAndClose(int count) throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (MessageStore store = MessageStore.open(config(), Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                PutMessageResult r = store.put(message("rec", 0, ("msg-" + i).getBytes(StandardCharsets.UTF_8),
                        null, "key" + i).build()).get();
                assertThat(r.isOk()).isTrue();
                offsets.add(r.append().wroteOffset());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("rec", 0) == count);
        }
        return offsets;
    }

    private void markCrashed() throws IOException {
        Files.writeString(dir.resolve("abort"), "12345");
    }

    private void overwrite(long physicalOffset, byte[] bytes) throws IOException {
        long fileStart = physicalOffset - physicalOffset % config().mappedFileSizeCommitLog();
        try (FileChannel ch = FileChannel.open(dir.resolve("commitlog").resolve(FileNames.of(fileStart)),
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), physicalOffset - fileStart);
        }
    }

    private static void assertReadable(MessageStore store, int count) {
        for (int i = 0; i < count; i++) {
            GetMessageResult got = store.getMessages("rec", 0, i, 1, 1 << 20, MessageFilter.all());
            assertThat(got.status()).as("queue offset %d", i).isEqualTo(GetMessageStatus.FOUND);
            ByteBuffer b = got.buffers().get(0);
            assertThat(b.getLong(MessageRecordLayout.QUEUE_OFFSET_OFFSET)).isEqualTo(i);
        }
    }

    @Test
    void cleanRestartKeepsEverythingAndContinuesQueueOffsets() throws Exception {
        List<Long> offsets = putAndClose(30);
        try (MessageStore store = MessageStore.open(config(), Clock.systemUTC())) {
            assertThat(store.recovery().abnormal()).isFalse();
            assertThat(store.maxOffsetInQueue("rec", 0)).isEqualTo(30);
            assertReadable(store, 30);
            PutMessageResult next = store.put(message("rec", 0, "after").build()).get();
            assertThat(next.append().queueOffset()).isEqualTo(30);
            assertThat(next.append().wroteOffset()).isGreaterThan(offsets.get(29));
        }
    }

    @Test
    void tornLastRecordIsDroppedAndItsQueueEntryWithIt() throws Exception {
        List<Long> offsets = putAndClose(30);
        long last = offsets.get(29);
        overwrite(last + 40, new byte[60]);
        markCrashed();
        try (MessageStore store = MessageStore.open(config(), Clock.systemUTC())) {
            assertThat(store.recovery().abnormal()).isTrue();
            assertThat(store.commitLogMaxOffset()).isEqualTo(last);
            assertThat(store.maxOffsetInQueue("rec", 0)).isEqualTo(29);
            assertReadable(store, 29);
            PutMessageResult again = store.put(message("rec", 0, "replacement").build()).get();
            assertThat(again.append().queueOffset()).as("queue offsets stay dense").isEqualTo(29);
            assertThat(again.append().wroteOffset()).isEqualTo(last);
            assertThat(store.queryMessage("rec", "key28", 32, 0, Long.MAX_VALUE).physicalOffsets())
                    .containsExactly(offsets.get(28));
        }
    }

    @Test
    void corruptBodiesFailTheirCrcAndRecoveryCutsAtTheFirstOne() throws Exception {
        List<Long> offsets = putAndClose(30);
        int bodyAt = MessageRecordLayout.bodyLengthOffset(0) + 4;
        overwrite(offsets.get(27) + bodyAt, "X".getBytes(StandardCharsets.UTF_8));
        markCrashed();
        try (MessageStore store = MessageStore.open(config(), Clock.systemUTC())) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(offsets.get(27));
            assertThat(store.maxOffsetInQueue("rec", 0)).isEqualTo(27);
            assertReadable(store, 27);
        }
    }

    @Test
    void lostConsumeQueuesAreRebuiltFromTheCommitLog() throws Exception {
        putAndClose(30);
        try (Stream<Path> walk = Files.walk(dir.resolve("consumequeue"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        markCrashed();
        try (MessageStore store = MessageStore.open(config(), Clock.systemUTC())) {
            assertThat(store.maxOffsetInQueue("rec", 0)).isEqualTo(30);
            assertReadable(store, 30);
        }
    }

    @Test
    void cleanShutdownRemovesTheAbortMarker() throws Exception {
        putAndClose(1);
        assertThat(dir.resolve("abort")).doesNotExist();
        assertThat(dir.resolve("checkpoint")).hasSize(4096);
        assertThat(dir.resolve("lock")).exists();
    }
}
