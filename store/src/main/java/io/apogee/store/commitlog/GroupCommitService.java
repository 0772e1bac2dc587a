package io.apogee.store.commitlog;

import io.apogee.store.PutMessageStatus;
import io.apogee.store.support.ServiceThread;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SYNC_FLUSH} with group commit: a put's future completes only once the log is forced past
 * its last byte. Waiters queue up while the flusher is busy with the previous force; the next
 * round takes the whole queue and one force covers them all, so N concurrent writers pay for
 * roughly one fsync per round instead of N.
 *
 * <p>Thread-safe. Futures are completed on the flusher thread; callers that do heavy work on
 * completion should hop to their own executor.
 */
public final class GroupCommitService implements FlushService {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitService.class);
    private static final long IDLE_WAIT_MILLIS = 10;

    private final CommitLog log;
    private final Clock clock;
    private final long timeoutMillis;
    private final Listener listener;
    private final ServiceThread thread;
    private final AtomicLong forces = new AtomicLong();
    private final Object lock = new Object();
    private List<Request> pending = new ArrayList<>();
    private List<Request> carried = new ArrayList<>();
    private boolean accepting = true;

    private record Request(long nextOffset, long deadline, CompletableFuture<PutMessageStatus> future) {
    }

    public GroupCommitService(CommitLog log, Clock clock, long timeoutMillis, Listener listener) {
        this.log = log;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
        this.thread = new ServiceThread("apogee-group-commit", this::iteration);
    }

    @Override
    public CompletableFuture<PutMessageStatus> onAppended(AppendResult appended, boolean waitForFlush) {
        if (!waitForFlush) {
            thread.signal().wakeup();
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        Request request = new Request(appended.nextOffset(), clock.millis() + timeoutMillis,
                new CompletableFuture<>());
        synchronized (lock) {
            if (!accepting) {
                return CompletableFuture.completedFuture(PutMessageStatus.FLUSH_DISK_TIMEOUT);
            }
            pending.add(request);
        }
        thread.signal().wakeup();
        return request.future;
    }

    private void iteration() {
        thread.signal().await(IDLE_WAIT_MILLIS);
        List<Request> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
        }
        // Requests that missed the previous force (rare) go first.
        if (!carried.isEmpty()) {
            carried.addAll(batch);
            batch = carried;
            carried = new ArrayList<>();
        }
        if (batch.isEmpty() && log.flushedOffset() >= log.maxOffset()) {
            return;
        }
        long flushed;
        try {
            long timestamp = log.lastStoreTimestamp();
            flushed = log.flush();
            forces.incrementAndGet();
            listener.onFlushed(flushed, timestamp);
        } catch (RuntimeException e) {
            LOG.error("CommitLog force failed; waiters will time out unless a retry succeeds", e);
            flushed = log.flushedOffset();
        }
        long now = clock.millis();
        for (Request r : batch) {
            if (flushed >= r.nextOffset) {
                r.future.complete(PutMessageStatus.PUT_OK);
            } else if (now >= r.deadline) {
                r.future.complete(PutMessageStatus.FLUSH_DISK_TIMEOUT);
            } else {
                carried.add(r);
            }
        }
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
        synchronized (lock) {
            accepting = false;
        }
        thread.stop();
        List<Request> left;
        synchronized (lock) {
            left = new ArrayList<>(pending);
            pending.clear();
        }
        left.addAll(carried);
        carried.clear();
        long flushed = log.flush();
        listener.onFlushed(flushed, log.lastStoreTimestamp());
        for (Request r : left) {
            r.future.complete(flushed >= r.nextOffset ? PutMessageStatus.PUT_OK : PutMessageStatus.FLUSH_DISK_TIMEOUT);
        }
    }
}
