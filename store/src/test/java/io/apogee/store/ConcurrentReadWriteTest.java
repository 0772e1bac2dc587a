package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers never see a half-published record while writers append and files roll. */
class ConcurrentReadWriteTest {
    private static final int WRITERS = 3;
    private static final int PER_WRITER = 1500;

    @TempDir
    Path dir;

    @Test
    void readersSeeOnlyWholeRecordsInQueueOrderWhileWritersAppend() throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                        store.put(message("rw", 0, ("w" + id + "-" + i + "-" + "x".repeat(i % 300))
                                .getBytes(StandardCharsets.UTF_8), null, null).build()).join();
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    long next = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    // Bounded in time: stops when writers are done and the reader has caught up.
                    while (System.nanoTime() < deadline) {
                        GetMessageResult got = store.getMessages("rw", 0, next, 32, 1 << 20, MessageFilter.all());
                        for (int i = 0; i < got.messageCount(); i++) {
                            try {
                                MessageRecord m = MessageRecordDecoder.decode(got.buffers().get(i).duplicate(), 0, true,
                                        true);
                                if (m.queueOffset() != got.queueOffsets().get(i)) {
                                    problems.add("offset " + m.queueOffset() + " read as " + got.queueOffsets().get(i));
                                }
                            } catch (RuntimeException e) {
                                problems.add("torn record at queue offset " + got.queueOffsets().get(i) + ": " + e);
                            }
                        }
                        next = got.nextBeginOffset();
                        if (got.messageCount() == 0) {
                            LockSupport.parkNanos(200_000); // nothing new yet: poll gently
                        }
                        if (!writing.get() && next >= WRITERS * PER_WRITER) {
                            return next;
                        }
                    }
                    return next;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : readers) {
                assertThat((Long) f.get(90, TimeUnit.SECONDS)).isEqualTo(WRITERS * PER_WRITER);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
    }
}
