package io.apogee.store.commitlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.EncodedRecord;
import io.apogee.store.MutableClock;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.TestMessages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitServiceTest {
    @TempDir
    Path dir;

    @Test
    void waitersQueuedTogetherShareOneForce() throws Exception {
        MutableClock clock = new MutableClock(1000);
        CommitLog log = new CommitLog(dir, 1024 * 1024, clock);
        AtomicLong lastFlushed = new AtomicLong();
        GroupCommitService service = new GroupCommitService(log, clock, 5000, (flushed, ts) -> lastFlushed.set(flushed));
        List<CompletableFuture<PutMessageStatus>> waiters = new ArrayList<>();
        // Queue 100 waiters before the flusher runs: its first round must cover them all with one force.
        for (int i = 0; i < 100; i++) {
            AppendResult r = log.append(List.of(EncodedRecord.of(TestMessages.message("gc", 0, "m" + i).build())));
            waiters.add(service.onAppended(r, true));
        }
        assertThat(waiters).noneMatch(CompletableFuture::isDone);
        service.start();
        try {
            for (CompletableFuture<PutMessageStatus> w : waiters) {
                assertThat(w.get(10, TimeUnit.SECONDS)).isEqualTo(PutMessageStatus.PUT_OK);
            }
            assertThat(service.forceCount()).isEqualTo(1);
            assertThat(lastFlushed.get()).isEqualTo(log.maxOffset());
        } finally {
            service.shutdown();
        }
    }

    @Test
    void shutdownForcesAndCompletesWhatIsLeft() throws Exception {
        MutableClock clock = new MutableClock(1000);
        CommitLog log = new CommitLog(dir, 1024 * 1024, clock);
        GroupCommitService service = new GroupCommitService(log, clock, 5000, (flushed, ts) -> { });
        AppendResult r = log.append(List.of(EncodedRecord.of(TestMessages.message("gc", 0, "x").build())));
        CompletableFuture<PutMessageStatus> waiter = service.onAppended(r, true);
        service.shutdown();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(log.flushedOffset()).isEqualTo(log.maxOffset());
        AppendResult late = log.append(List.of(EncodedRecord.of(TestMessages.message("gc", 0, "y").build())));
        assertThat(service.onAppended(late, true).get(1, TimeUnit.SECONDS))
                .as("after shutdown nobody will force: answer at once").isEqualTo(PutMessageStatus.FLUSH_DISK_TIMEOUT);
    }
}
