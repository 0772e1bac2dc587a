package io.apogee.store.commitlog;

import io.apogee.store.PutMessageStatus;
import io.apogee.store.support.ServiceThread;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ASYNC_FLUSH}: a put is done once its bytes are in the page cache. A background loop
 * forces the log every {@code flushIntervalCommitLog} ms when at least
 * {@code flushCommitLogLeastPages} pages are dirty, and everything at least every
 * {@code flushCommitLogThoroughInterval} ms, so a quiet log does not pay an fsync per tick.
 *
 * <p>Thread-safe.
 */
public final class PeriodicFlushService implements FlushService {
    private static final CompletableFuture<PutMessageStatus> DONE = CompletableFuture.completedFuture(
            PutMessageStatus.PUT_OK);

    private final CommitLog log;
    private final Clock clock;
    private final int intervalMillis;
    private final int leastPages;
    private final int thoroughIntervalMillis;
    private final Listener listener;
    private final ServiceThread thread;
    private final AtomicLong forces = new AtomicLong();
    private long lastThoroughFlush;

    public PeriodicFlushService(CommitLog log, Clock clock, int intervalMillis, int leastPages,
                                int thoroughIntervalMillis, Listener listener) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.leastPages = leastPages;
        this.thoroughIntervalMillis = thoroughIntervalMillis;
        this.listener = listener;
        this.thread = new ServiceThread("apogee-flush-commitlog", this::iteration);
        this.lastThoroughFlush = clock.millis();
    }

    @Override
    public CompletableFuture<PutMessageStatus> onAppended(AppendResult appended, boolean waitForFlush) {
        return DONE;
    }

    private void iteration() {
        thread.signal().await(intervalMillis);
        long now = clock.millis();
        boolean thorough = now - lastThoroughFlush >= thoroughIntervalMillis;
        if (thorough) {
            lastThoroughFlush = now;
        }
        if (thorough || log.files().dirtyPages() >= leastPages) {
            flushNow();
        }
    }

    private void flushNow() {
        long timestamp = log.lastStoreTimestamp();
        long flushed = log.flush();
        forces.incrementAndGet();
        listener.onFlushed(flushed, timestamp);
    }

    @Override
    public long forceCount() {
        return forces.get();
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void shutdown() {
        thread.stop();
        flushNow();
    }
}
