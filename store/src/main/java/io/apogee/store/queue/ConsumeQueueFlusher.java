package io.apogee.store.queue;

import io.apogee.store.recovery.Checkpoint;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Forces consume queues lazily, as they can be rebuilt from the CommitLog: each round forces the
 * queues with at least {@code flushConsumeQueueLeastPages} dirty pages, and every
 * {@code flushConsumeQueueThoroughInterval} all of them. Only a complete force moves the
 * checkpoint's {@code logicsMsgTimestamp}, so after a power loss recovery starts early enough to
 * rebuild whatever the queues lost.
 *
 * <p>Thread-safety: {@link #periodic()} runs on one scheduler thread; {@link #flushAll()} is also
 * called at start and at shutdown, when the scheduler is not running.
 */
public final class ConsumeQueueFlusher {
    private final ConsumeQueueTable queues;
    private final Checkpoint checkpoint;
    private final LongSupplier lastQueuedStoreTimestamp;
    private final Clock clock;
    private final int leastPages;
    private final int thoroughIntervalMillis;
    private long lastThorough;

    public ConsumeQueueFlusher(ConsumeQueueTable queues, Checkpoint checkpoint, LongSupplier lastQueuedStoreTimestamp,
                               Clock clock, int leastPages, int thoroughIntervalMillis) {
        this.queues = queues;
        this.checkpoint = checkpoint;
        this.lastQueuedStoreTimestamp = lastQueuedStoreTimestamp;
        this.clock = clock;
        this.leastPages = leastPages;
        this.thoroughIntervalMillis = thoroughIntervalMillis;
        this.lastThorough = clock.millis();
    }

    public void periodic() {
        long now = clock.millis();
        if (now - lastThorough >= thoroughIntervalMillis) {
            flushAll();
            lastThorough = now;
        } else {
            for (ConsumeQueue q : queues.all()) {
                q.flush(leastPages);
            }
        }
    }

    /** Forces every queue, then records how far they are durable in the checkpoint. */
    public void flushAll() {
        long queued = lastQueuedStoreTimestamp.getAsLong();
        for (ConsumeQueue q : queues.all()) {
            q.flush(0);
        }
        if (queued > 0) {
            checkpoint.setLogicsMsgTimestamp(queued);
        }
    }
}
