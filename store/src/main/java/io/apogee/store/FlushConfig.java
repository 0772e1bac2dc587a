package io.apogee.store;

import static io.apogee.store.ConfigKeys.intKey;
import static io.apogee.store.ConfigKeys.positive;

import java.util.Locale;
import java.util.Properties;

/**
 * When bytes reach the disk: the CommitLog's flush mode and periods, and the consume queues'.
 * RocketMQ's key names and defaults.
 *
 * <p>Immutable and thread-safe.
 */
public record FlushConfig(FlushDiskType flushDiskType, int flushIntervalCommitLog, int flushCommitLogLeastPages,
                          int flushCommitLogThoroughInterval, int syncFlushTimeout, int flushIntervalConsumeQueue,
                          int flushConsumeQueueLeastPages, int flushConsumeQueueThoroughInterval) {

    public FlushConfig {
        if (flushDiskType == null) {
            throw new IllegalArgumentException("flushDiskType must be ASYNC_FLUSH or SYNC_FLUSH");
        }
        positive("flushIntervalCommitLog", flushIntervalCommitLog);
        positive("syncFlushTimeout", syncFlushTimeout);
        positive("flushIntervalConsumeQueue", flushIntervalConsumeQueue);
    }

    public static FlushConfig defaults() {
        return new FlushConfig(FlushDiskType.ASYNC_FLUSH, 500, 4, 10_000, 5_000, 1_000, 2, 60_000);
    }

    public static FlushConfig fromProperties(Properties p) {
        FlushConfig d = defaults();
        String type = p.getProperty("flushDiskType");
        return new FlushConfig(
                type == null ? d.flushDiskType : FlushDiskType.valueOf(type.trim().toUpperCase(Locale.ROOT)),
                intKey(p, "flushIntervalCommitLog", d.flushIntervalCommitLog),
                intKey(p, "flushCommitLogLeastPages", d.flushCommitLogLeastPages),
                intKey(p, "flushCommitLogThoroughInterval", d.flushCommitLogThoroughInterval),
                intKey(p, "syncFlushTimeout", d.syncFlushTimeout),
                intKey(p, "flushIntervalConsumeQueue", d.flushIntervalConsumeQueue),
                intKey(p, "flushConsumeQueueLeastPages", d.flushConsumeQueueLeastPages),
                intKey(p, "flushConsumeQueueThoroughInterval", d.flushConsumeQueueThoroughInterval));
    }

    public FlushConfig withFlushDiskType(FlushDiskType type) {
        return new FlushConfig(type, flushIntervalCommitLog, flushCommitLogLeastPages, flushCommitLogThoroughInterval,
                syncFlushTimeout, flushIntervalConsumeQueue, flushConsumeQueueLeastPages,
                flushConsumeQueueThoroughInterval);
    }

    public FlushConfig withFlushIntervalCommitLog(int millis) {
        return new FlushConfig(flushDiskType, millis, flushCommitLogLeastPages, flushCommitLogThoroughInterval,
                syncFlushTimeout, flushIntervalConsumeQueue, flushConsumeQueueLeastPages,
                flushConsumeQueueThoroughInterval);
    }

    public FlushConfig withSyncFlushTimeout(int millis) {
        return new FlushConfig(flushDiskType, flushIntervalCommitLog, flushCommitLogLeastPages,
                flushCommitLogThoroughInterval, millis, flushIntervalConsumeQueue, flushConsumeQueueLeastPages,
                flushConsumeQueueThoroughInterval);
    }
}
