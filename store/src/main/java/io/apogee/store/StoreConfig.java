package io.apogee.store;

import static io.apogee.store.ConfigKeys.boolKey;
import static io.apogee.store.ConfigKeys.intKey;
import static io.apogee.store.ConfigKeys.positive;
import static io.apogee.store.ConfigKeys.stringKey;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Typed store settings, read from {@code key=value} properties under RocketMQ's key names and with
 * RocketMQ's defaults: where the files are and how big, limits, indexing and recovery checks, plus
 * two groups of their own, {@link FlushConfig} and {@link CleanupConfig}. See {@code docs/store.md}.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or {@link #fromProperties}.
 */
public final class StoreConfig {
    private static final int CQ_ENTRY_SIZE = 20;

    private final Path storePathRootDir;
    private final Path storePathCommitLog;
    private final int mappedFileSizeCommitLog;
    private final int mappedFileSizeConsumeQueue;
    private final int maxMessageSize;
    private final boolean messageIndexEnable;
    private final int maxHashSlotNum;
    private final int maxIndexNum;
    private final boolean checkCRCOnRecover;
    private final int maxTransferBytesOnMessageInMemory;
    private final int maxTransferCountOnMessageInMemory;
    private final String messageDelayLevel;
    private final FlushConfig flush;
    private final CleanupConfig cleanup;

    private StoreConfig(Builder b) {
        storePathRootDir = b.storePathRootDir;
        storePathCommitLog = b.storePathCommitLog == null ? storePathRootDir.resolve("commitlog") : b.storePathCommitLog;
        mappedFileSizeCommitLog = positive("mappedFileSizeCommitLog", b.mappedFileSizeCommitLog);
        // Rounded up so that entries never straddle two files.
        int cq = positive("mappedFileSizeConsumeQueue", b.mappedFileSizeConsumeQueue);
        mappedFileSizeConsumeQueue = (cq + CQ_ENTRY_SIZE - 1) / CQ_ENTRY_SIZE * CQ_ENTRY_SIZE;
        maxMessageSize = positive("maxMessageSize", b.maxMessageSize);
        messageIndexEnable = b.messageIndexEnable;
        maxHashSlotNum = positive("maxHashSlotNum", b.maxHashSlotNum);
        maxIndexNum = positive("maxIndexNum", b.maxIndexNum);
        checkCRCOnRecover = b.checkCRCOnRecover;
        maxTransferBytesOnMessageInMemory = positive("maxTransferBytesOnMessageInMemory",
                b.maxTransferBytesOnMessageInMemory);
        maxTransferCountOnMessageInMemory = positive("maxTransferCountOnMessageInMemory",
                b.maxTransferCountOnMessageInMemory);
        messageDelayLevel = b.messageDelayLevel;
        flush = b.flush;
        cleanup = b.cleanup;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the RocketMQ key names; missing keys keep their defaults, unknown keys are ignored. */
    public static StoreConfig fromProperties(Properties p) {
        Builder b = builder();
        String root = p.getProperty("storePathRootDir");
        if (root != null && !root.isBlank()) {
            b.storePathRootDir(Path.of(root.trim()));
        }
        String commitLog = p.getProperty("storePathCommitLog");
        if (commitLog != null && !commitLog.isBlank()) {
            if (commitLog.contains(",")) {
                throw new IllegalArgumentException("several CommitLog directories are not supported, storePathCommitLog="
                        + commitLog);
            }
            b.storePathCommitLog(Path.of(commitLog.trim()));
        }
        b.mappedFileSizeCommitLog = intKey(p, "mappedFileSizeCommitLog", b.mappedFileSizeCommitLog);
        b.mappedFileSizeConsumeQueue = intKey(p, "mappedFileSizeConsumeQueue", b.mappedFileSizeConsumeQueue);
        b.maxMessageSize = intKey(p, "maxMessageSize", b.maxMessageSize);
        b.messageIndexEnable = boolKey(p, "messageIndexEnable", b.messageIndexEnable);
        b.maxHashSlotNum = intKey(p, "maxHashSlotNum", b.maxHashSlotNum);
        b.maxIndexNum = intKey(p, "maxIndexNum", b.maxIndexNum);
        b.checkCRCOnRecover = boolKey(p, "checkCRCOnRecover", b.checkCRCOnRecover);
        b.maxTransferBytesOnMessageInMemory = intKey(p, "maxTransferBytesOnMessageInMemory",
                b.maxTransferBytesOnMessageInMemory);
        b.maxTransferCountOnMessageInMemory = intKey(p, "maxTransferCountOnMessageInMemory",
                b.maxTransferCountOnMessageInMemory);
        b.messageDelayLevel = stringKey(p, "messageDelayLevel", b.messageDelayLevel);
        b.flush = FlushConfig.fromProperties(p);
        b.cleanup = CleanupConfig.fromProperties(p);
        return b.build();
    }

    public Path storePathRootDir() {
        return storePathRootDir;
    }

    /** {@code storePathCommitLog}, by default {@code <storePathRootDir>/commitlog}. */
    public Path commitLogDir() {
        return storePathCommitLog;
    }

    public Path consumeQueueDir() {
        return storePathRootDir.resolve("consumequeue");
    }

    public Path indexDir() {
        return storePathRootDir.resolve("index");
    }

    public Path configDir() {
        return storePathRootDir.resolve("config");
    }

    public int mappedFileSizeCommitLog() {
        return mappedFileSizeCommitLog;
    }

    public int mappedFileSizeConsumeQueue() {
        return mappedFileSizeConsumeQueue;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    public boolean messageIndexEnable() {
        return messageIndexEnable;
    }

    public int maxHashSlotNum() {
        return maxHashSlotNum;
    }

    public int maxIndexNum() {
        return maxIndexNum;
    }

    public boolean checkCRCOnRecover() {
        return checkCRCOnRecover;
    }

    public int maxTransferBytesOnMessageInMemory() {
        return maxTransferBytesOnMessageInMemory;
    }

    public int maxTransferCountOnMessageInMemory() {
        return maxTransferCountOnMessageInMemory;
    }

    public String messageDelayLevel() {
        return messageDelayLevel;
    }

    public FlushConfig flush() {
        return flush;
    }

    public CleanupConfig cleanup() {
        return cleanup;
    }

    /** Builder with RocketMQ's defaults; not thread-safe. */
    public static final class Builder {
        private Path storePathRootDir = Path.of(System.getProperty("user.home"), "store");
        private Path storePathCommitLog;
        private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
        private int mappedFileSizeConsumeQueue = 300_000 * CQ_ENTRY_SIZE;
        private int maxMessageSize = 4 * 1024 * 1024;
        private boolean messageIndexEnable = true;
        private int maxHashSlotNum = 5_000_000;
        private int maxIndexNum = 5_000_000 * 4;
        private boolean checkCRCOnRecover = true;
        private int maxTransferBytesOnMessageInMemory = 256 * 1024;
        private int maxTransferCountOnMessageInMemory = 32;
        private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
        private FlushConfig flush = FlushConfig.defaults();
        private CleanupConfig cleanup = CleanupConfig.defaults();

        private Builder() {
        }

        public Builder storePathRootDir(Path v) {
            storePathRootDir = v;
            return this;
        }

        public Builder storePathCommitLog(Path v) {
            storePathCommitLog = v;
            return this;
        }

        public Builder mappedFileSizeCommitLog(int v) {
            mappedFileSizeCommitLog = v;
            return this;
        }

        public Builder mappedFileSizeConsumeQueue(int v) {
            mappedFileSizeConsumeQueue = v;
            return this;
        }

        public Builder maxMessageSize(int v) {
            maxMessageSize = v;
            return this;
        }

        public Builder messageIndexEnable(boolean v) {
            messageIndexEnable = v;
            return this;
        }

        public Builder maxHashSlotNum(int v) {
            maxHashSlotNum = v;
            return this;
        }

        public Builder maxIndexNum(int v) {
            maxIndexNum = v;
            return this;
        }

        public Builder checkCRCOnRecover(boolean v) {
            checkCRCOnRecover = v;
            return this;
        }

        public Builder flush(FlushConfig v) {
            flush = v;
            return this;
        }

        public Builder cleanup(CleanupConfig v) {
            cleanup = v;
            return this;
        }

        /** Shortcut for {@code flush(flush.withFlushDiskType(v))}. */
        public Builder flushDiskType(FlushDiskType v) {
            flush = flush.withFlushDiskType(v);
            return this;
        }

        /** Shortcut for {@code flush(flush.withFlushIntervalCommitLog(v))}. */
        public Builder flushIntervalCommitLog(int v) {
            flush = flush.withFlushIntervalCommitLog(v);
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(this);
        }
    }
}
