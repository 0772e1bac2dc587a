package io.apogee.store.commitlog;

import io.apogee.store.PutMessageStatus;
import java.util.concurrent.CompletableFuture;

/**
 * The flush policy of the CommitLog: when an appended message counts as stored.
 *
 * <p>Implementations are thread-safe: puts call {@link #onAppended} from any thread.
 */
public interface FlushService {

    /**
     * Called after each append. The future completes with {@code PUT_OK} once the policy is
     * satisfied, or with {@code FLUSH_DISK_TIMEOUT}.
     *
     * @param waitForFlush the message's {@code WAIT} property; false never waits for the disk
     */
    CompletableFuture<PutMessageStatus> onAppended(AppendResult appended, boolean waitForFlush);

    void start();

    /** How many times the log was forced so far; with group commit, fewer than the synchronous puts. */
    long forceCount();

    /** Flushes everything and stops; pending waiters are completed. */
    void shutdown();

    /** Told after each flush: how far the log is on disk and the store time of the last record. */
    @FunctionalInterface
    interface Listener {
        void onFlushed(long flushedOffset, long lastStoreTimestamp);
    }
}
