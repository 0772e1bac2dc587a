package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;

/**
 * One assigned queue: where its next pull starts, the offset to commit (the position after what
 * {@code poll} has returned) and how many of its messages wait in the cache. Every seek starts a new
 * epoch; pulls and cached batches of an older epoch are discarded. Thread-safe: fields guarded by the
 * object's monitor, held only for field updates.
 */
final class QueueState {
    private final MessageQueue queue;
    private int epoch;
    private boolean dropped;
    /** Next offset to pull; -1 until the start offset is known. */
    private long pullOffset = -1;
    /** Next offset to consume, what a commit stores; -1 until known. */
    private long consumedOffset = -1;
    /** The last offset committed, to skip commits that would change nothing. */
    private long committedOffset = -1;
    private int cached;

    QueueState(MessageQueue queue) {
        this.queue = queue;
    }

    MessageQueue queue() {
        return queue;
    }

    synchronized int epoch() {
        return epoch;
    }

    synchronized boolean dropped() {
        return dropped;
    }

    synchronized boolean current(int pullEpoch) {
        return !dropped && epoch == pullEpoch;
    }

    /** Marks the queue gone; returns the messages it had cached. */
    synchronized int drop() {
        dropped = true;
        int n = cached;
        cached = 0;
        return n;
    }

    /**
     * Sets where the queue starts (first assignment) if {@code expectedEpoch} is still current.
     *
     * @return the epoch to pull in, or -1 when a seek or a drop came first
     */
    synchronized int start(int expectedEpoch, long offset) {
        if (dropped || epoch != expectedEpoch) {
            return -1;
        }
        pullOffset = offset;
        consumedOffset = offset;
        return epoch;
    }

    /**
     * Moves the queue to {@code offset} in a new epoch.
     *
     * @return the messages the old epoch had cached (no longer to be counted)
     */
    synchronized int seek(long offset) {
        epoch++;
        pullOffset = offset;
        consumedOffset = offset;
        int n = cached;
        cached = 0;
        return n;
    }

    synchronized long pullOffset() {
        return pullOffset;
    }

    synchronized int cached() {
        return cached;
    }

    /** Records a pull's outcome if its epoch is current; false when it is stale and must be dropped. */
    synchronized boolean pulled(int pullEpoch, long nextOffset) {
        if (dropped || epoch != pullEpoch) {
            return false;
        }
        pullOffset = nextOffset;
        return true;
    }

    /** Counts {@code messages} waiting in the lite consumer's cache; false when the epoch is stale. */
    synchronized boolean cache(int pullEpoch, int messages) {
        if (dropped || epoch != pullEpoch) {
            return false;
        }
        cached += messages;
        return true;
    }

    /**
     * Push consumers: the offset below which every message of the epoch is consumed moved to
     * {@code offset}. Never moves backwards; false when the epoch is stale.
     */
    synchronized boolean consumedUpTo(int batchEpoch, long offset) {
        if (dropped || epoch != batchEpoch) {
            return false;
        }
        if (offset > consumedOffset) {
            consumedOffset = offset;
        }
        return true;
    }

    /** After OFFSET_ILLEGAL: both positions jump to {@code offset}. */
    synchronized boolean reset(int pullEpoch, long offset) {
        if (dropped || epoch != pullEpoch) {
            return false;
        }
        pullOffset = offset;
        consumedOffset = offset;
        return true;
    }

    /** A cached batch reached the application; false when it is stale. */
    synchronized boolean consumed(int batchEpoch, long nextOffset, int messages) {
        if (dropped || epoch != batchEpoch) {
            return false;
        }
        consumedOffset = nextOffset;
        cached -= messages;
        return true;
    }

    synchronized long consumedOffset() {
        return consumedOffset;
    }

    /** The offset to commit now, or -1 when unknown or unchanged since the last commit. */
    synchronized long offsetToCommit() {
        return consumedOffset >= 0 && consumedOffset != committedOffset ? consumedOffset : -1;
    }

    synchronized void committed(long offset) {
        committedOffset = offset;
    }
}
