package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupAndDiskGuardTest {
    private static final long HOUR = 3_600_000L;
    /** 2026-01-01T04:00Z: inside the default deleteWhen hour. */
    private static final long FOUR_AM = 1_767_240_000_000L;

    @TempDir
    Path dir;

    private long indexFiles() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir.resolve("index"))) {
            return s.count();
        }
    }

    /** The first 04:00 UTC at or after {@code t}. */
    private static long fourAmAfter(long t) {
        return t + Math.floorMod(FOUR_AM - t, 24 * HOUR);
    }

    private static void fill(MessageStore store, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(store.put(message("clean", 0, new byte[2000], null, "k" + i).build()).get().isOk()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
    }

    @Test
    void deletesExpiredCommitLogFilesAtTheDeleteHourAndQueuesFollow() throws Exception {
        MutableClock clock = new MutableClock(FOUR_AM - 2 * HOUR);
        StoreConfig config = StoreFixture.small(dir).maxIndexNum(21).build();
        try (MessageStore store = MessageStore.open(config, clock, p -> 0.1)) {
            fill(store, 100);
            long maxBefore = store.commitLogMaxOffset();
            long indexFilesBefore = indexFiles();
            assertThat(store.cleanNow()).as("not the delete hour, disk not full").isZero();

            clock.set(FOUR_AM + 10 * 60_000);
            assertThat(store.cleanNow()).as("delete hour, but files are younger than 72 h").isZero();

            clock.set(fourAmAfter(System.currentTimeMillis() + 73 * HOUR));
            int deleted = store.cleanNow();
            assertThat(deleted).isPositive();
            assertThat(store.commitLogMinOffset()).isPositive();
            assertThat(store.commitLogMaxOffset()).as("the current file stays").isEqualTo(maxBefore);
            assertThat(store.minOffsetInQueue("clean", 0)).isPositive();
            assertThat(indexFiles()).as("index files of deleted records go too").isLessThan(indexFilesBefore);
            assertThat(store.queryMessage("clean", "k99", 32, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(1);
            GetMessageResult tooOld = store.getMessages("clean", 0, 0, 32, 1 << 20, MessageFilter.all());
            assertThat(tooOld.status()).isEqualTo(GetMessageStatus.OFFSET_TOO_SMALL);
            GetMessageResult fromMin = store.getMessages("clean", 0, tooOld.nextBeginOffset(), 32, 1 << 20,
                    MessageFilter.all());
            assertThat(fromMin.status()).isEqualTo(GetMessageStatus.FOUND);
        }
    }

    @Test
    void aFullDiskCleansAtAnyHourAndRefusesPutsWhileReadsGoOn() throws Exception {
        MutableClock clock = new MutableClock(FOUR_AM - 2 * HOUR);
        AtomicReference<Double> usage = new AtomicReference<>(0.1);
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), clock, p -> usage.get())) {
            fill(store, 100);
            clock.set(fourAmAfter(System.currentTimeMillis() + 73 * HOUR) + 6 * HOUR);

            usage.set(0.95);
            assertThat(store.cleanNow()).as("disk past diskMaxUsedSpaceRatio: clean outside deleteWhen").isPositive();
            assertThat(store.isDiskFull()).isTrue();
            PutMessageResult refused = store.put(message("clean", 0, "x").build()).get();
            assertThat(refused.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
            assertThat(refused.remark()).contains("disk is full");
            long min = store.minOffsetInQueue("clean", 0);
            assertThat(store.getMessages("clean", 0, min, 32, 1 << 20, MessageFilter.all()).status())
                    .isEqualTo(GetMessageStatus.FOUND);

            usage.set(0.5);
            store.cleanNow();
            assertThat(store.isDiskFull()).isFalse();
            assertThat(store.put(message("clean", 0, "x").build()).get().isOk()).isTrue();
        }
    }
}
