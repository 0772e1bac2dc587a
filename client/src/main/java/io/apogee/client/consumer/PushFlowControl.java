package io.apogee.client.consumer;

/**
 * Whether a push consumer may pull a queue now: not while the queue holds
 * {@code pullThresholdForQueue} messages or {@code pullThresholdSizeForQueue} MiB of bodies, nor
 * (concurrent) while its held offsets spread over more than {@code consumeConcurrentlyMaxSpan}; for
 * an orderly clustering consumer, only while it holds the queue's broker lock. A refused pull is asked
 * again shortly, so pulling resumes by itself once the listener has caught up. Stateless, thread-safe.
 */
final class PushFlowControl {
    private final int maxCount;
    private final long maxBytes;
    private final int maxSpan;
    private final boolean needsLock;

    PushFlowControl(PushConsumerConfig config) {
        this.maxCount = config.pullThresholdForQueue();
        this.maxBytes = config.pullThresholdSizeForQueueBytes();
        this.maxSpan = config.orderly() ? 0 : config.consumeConcurrentlyMaxSpan();
        this.needsLock = config.orderly() && config.clustering();
    }

    boolean mayPull(ProcessQueue process, long nowMillis) {
        if (needsLock && !process.lockValid(nowMillis, PushConsumerConfig.LOCK_MAX_LIVE_MILLIS)) {
            return false;
        }
        return !process.overThresholds(maxCount, maxBytes, maxSpan);
    }
}
