package io.apogee.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Typed store settings, read from {@code key=value} properties under RocketMQ's key names and with
 * RocketMQ's defaults. See {@code docs/store.md} for the meaning of each key.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or {@link #fromProperties}.
 */
public final class StoreConfig {
    private static final int CQ_ENTRY_SIZE = 20;

    private final Path storePathRootDir;
    private final int mappedFileSizeCommitLog;
    private final int mappedFileSizeConsumeQueue;
    private final int maxMessageSize;
    private final FlushDiskType flushDiskType;
    private final int flushIntervalCommitLog;
    private final int flushCommitLogLeastPages;
    private final int flushCommitLogThoroughInterval;
    private final long syncFlushTimeout;
    private final int flushIntervalConsumeQueue;
    private final int flushConsumeQueueLeastPages;
    private final int flushConsumeQueueThoroughInterval;
    private final int fileReservedTime;
    private final String deleteWhen;
    private final int diskMaxUsedSpaceRatio;
    private final int diskSpaceCleanForciblyRatio;
    private final int diskSpaceWarningLevelRatio;
    private final boolean cleanFileForciblyEnable;
    private final int cleanResourceInterval;
    private final int deleteFileBatchMax;
    private final boolean messageIndexEnable;
    private final int maxHashSlotNum;
    private final int maxIndexNum;
    private final boolean checkCRCOnRecover;
    private final int maxTransferBytesOnMessageInMemory;
    private final int maxTransferCountOnMessageInMemory;
    private final String messageDelayLevel;

    private StoreConfig(Builder b) {
        storePathRootDir = b.storePathRootDir;
        mappedFileSizeCommitLog = positive("mappedFileSizeCommitLog", b.mappedFileSizeCommitLog);
        // Rounded up so that entries never straddle two files.
        int cq = positive("mappedFileSizeConsumeQueue", b.mappedFileSizeConsumeQueue);
        mappedFileSizeConsumeQueue = (cq + CQ_ENTRY_SIZE - 1) / CQ_ENTRY_SIZE * CQ_ENTRY_SIZE;
        maxMessageSize = positive("maxMessageSize", b.maxMessageSize);
        flushDiskType = b.flushDiskType;
        flushIntervalCommitLog = positive("flushIntervalCommitLog", b.flushIntervalCommitLog);
        flushCommitLogLeastPages = b.flushCommitLogLeastPages;
        flushCommitLogThoroughInterval = b.flushCommitLogThoroughInterval;
        syncFlushTimeout = positive("syncFlushTimeout", (int) b.syncFlushTimeout);
        flushIntervalConsumeQueue = positive("flushIntervalConsumeQueue", b.flushIntervalConsumeQueue);
        flushConsumeQueueLeastPages = b.flushConsumeQueueLeastPages;
        flushConsumeQueueThoroughInterval = b.flushConsumeQueueThoroughInterval;
        fileReservedTime = b.fileReservedTime;
        deleteWhen = b.deleteWhen;
        // Clamped as RocketMQ clamps them, so a typo cannot disable the guard.
        diskMaxUsedSpaceRatio = clamp(b.diskMaxUsedSpaceRatio, 10, 95);
        diskSpaceCleanForciblyRatio = clamp(b.diskSpaceCleanForciblyRatio, 30, 85);
        diskSpaceWarningLevelRatio = clamp(b.diskSpaceWarningLevelRatio, 35, 90);
        cleanFileForciblyEnable = b.cleanFileForciblyEnable;
        cleanResourceInterval = positive("cleanResourceInterval", b.cleanResourceInterval);
        deleteFileBatchMax = positive("deleteFileBatchMax", b.deleteFileBatchMax);
        messageIndexEnable = b.messageIndexEnable;
        maxHashSlotNum = positive("maxHashSlotNum", b.maxHashSlotNum);
        maxIndexNum = positive("maxIndexNum", b.maxIndexNum);
        checkCRCOnRecover = b.checkCRCOnRecover;
        maxTransferBytesOnMessageInMemory = b.maxTransferBytesOnMessageInMemory;
        maxTransferCountOnMessageInMemory = b.maxTransferCountOnMessageInMemory;
        messageDelayLevel = b.messageDelayLevel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the RocketMQ key names; missing keys keep their defaults, unknown keys are ignored. */
    public static StoreConfig fromProperties(Properties p) {
        Builder b = builder();
        String root = p.getProperty("storePathRootDir");
        if (root != null) {
            b.storePathRootDir(Path.of(root.trim()));
        }
        b.mappedFileSizeCommitLog = intKey(p, "mappedFileSizeCommitLog", b.mappedFileSizeCommitLog);
        b.mappedFileSizeConsumeQueue = intKey(p, "mappedFileSizeConsumeQueue", b.mappedFileSizeConsumeQueue);
        b.maxMessageSize = intKey(p, "maxMessageSize", b.maxMessageSize);
        String flush = p.getProperty("flushDiskType");
        if (flush != null) {
            b.flushDiskType = FlushDiskType.valueOf(flush.trim().toUpperCase(Locale.ROOT));
        }
        b.flushIntervalCommitLog = intKey(p, "flushIntervalCommitLog", b.flushIntervalCommitLog);
        b.flushCommitLogLeastPages = intKey(p, "flushCommitLogLeastPages", b.flushCommitLogLeastPages);
        b.flushCommitLogThoroughInterval = intKey(p, "flushCommitLogThoroughInterval",
                b.flushCommitLogThoroughInterval);
        b.syncFlushTimeout = intKey(p, "syncFlushTimeout", (int) b.syncFlushTimeout);
        b.flushIntervalConsumeQueue = intKey(p, "flushIntervalConsumeQueue", b.flushIntervalConsumeQueue);
        b.flushConsumeQueueLeastPages = intKey(p, "flushConsumeQueueLeastPages", b.flushConsumeQueueLeastPages);
        b.flushConsumeQueueThoroughInterval = intKey(p, "flushConsumeQueueThoroughInterval",
                b.flushConsumeQueueThoroughInterval);
        b.fileReservedTime = intKey(p, "fileReservedTime", b.fileReservedTime);
        b.deleteWhen = p.getProperty("deleteWhen", b.deleteWhen).trim();
        b.diskMaxUsedSpaceRatio = intKey(p, "diskMaxUsedSpaceRatio", b.diskMaxUsedSpaceRatio);
        b.diskSpaceCleanForciblyRatio = intKey(p, "diskSpaceCleanForciblyRatio", b.diskSpaceCleanForciblyRatio);
        b.diskSpaceWarningLevelRatio = intKey(p, "diskSpaceWarningLevelRatio", b.diskSpaceWarningLevelRatio);
        b.cleanFileForciblyEnable = boolKey(p, "cleanFileForciblyEnable", b.cleanFileForciblyEnable);
        b.cleanResourceInterval = intKey(p, "cleanResourceInterval", b.cleanResourceInterval);
        b.deleteFileBatchMax = intKey(p, "deleteFileBatchMax", b.deleteFileBatchMax);
        b.messageIndexEnable = boolKey(p, "messageIndexEnable", b.messageIndexEnable);
        b.maxHashSlotNum = intKey(p, "maxHashSlotNum", b.maxHashSlotNum);
        b.maxIndexNum = intKey(p, "maxIndexNum", b.maxIndexNum);
        b.checkCRCOnRecover = boolKey(p, "checkCRCOnRecover", b.checkCRCOnRecover);
        b.maxTransferBytesOnMessageInMemory = intKey(p, "maxTransferBytesOnMessageInMemory",
                b.maxTransferBytesOnMessageInMemory);
        b.maxTransferCountOnMessageInMemory = intKey(p, "maxTransferCountOnMessageInMemory",
                b.maxTransferCountOnMessageInMemory);
        b.messageDelayLevel = p.getProperty("messageDelayLevel", b.messageDelayLevel).trim();
        return b.build();
    }

    public Path storePathRootDir() {
        return storePathRootDir;
    }

    public Path commitLogDir() {
        return storePathRootDir.resolve("commitlog");
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

    public FlushDiskType flushDiskType() {
        return flushDiskType;
    }

    public int flushIntervalCommitLog() {
        return flushIntervalCommitLog;
    }

    public int flushCommitLogLeastPages() {
        return flushCommitLogLeastPages;
    }

    public int flushCommitLogThoroughInterval() {
        return flushCommitLogThoroughInterval;
    }

    public long syncFlushTimeout() {
        return syncFlushTimeout;
    }

    public int flushIntervalConsumeQueue() {
        return flushIntervalConsumeQueue;
    }

    public int flushConsumeQueueLeastPages() {
        return flushConsumeQueueLeastPages;
    }

    public int flushConsumeQueueThoroughInterval() {
        return flushConsumeQueueThoroughInterval;
    }

    public int fileReservedTime() {
        return fileReservedTime;
    }

    public String deleteWhen() {
        return deleteWhen;
    }

    public int diskMaxUsedSpaceRatio() {
        return diskMaxUsedSpaceRatio;
    }

    public int diskSpaceCleanForciblyRatio() {
        return diskSpaceCleanForciblyRatio;
    }

    public int diskSpaceWarningLevelRatio() {
        return diskSpaceWarningLevelRatio;
    }

    public boolean cleanFileForciblyEnable() {
        return cleanFileForciblyEnable;
    }

    public int cleanResourceInterval() {
        return cleanResourceInterval;
    }

    public int deleteFileBatchMax() {
        return deleteFileBatchMax;
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

    private static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be greater than zero, " + key + "=" + value);
        }
        return value;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int intKey(Properties p, String key, int def) {
        String v = p.getProperty(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, " + key + "=" + v, e);
        }
    }

    private static boolean boolKey(Properties p, String key, boolean def) {
        String v = p.getProperty(key);
        return v == null ? def : Boolean.parseBoolean(v.trim());
    }

    /** Builder with RocketMQ's defaults; not thread-safe. */
    public static final class Builder {
        private Path storePathRootDir = Path.of(System.getProperty("user.home"), "store");
        private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
        private int mappedFileSizeConsumeQueue = 300_000 * CQ_ENTRY_SIZE;
        private int maxMessageSize = 4 * 1024 * 1024;
        private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
        private int flushIntervalCommitLog = 500;
        private int flushCommitLogLeastPages = 4;
        private int flushCommitLogThoroughInterval = 10_000;
        private long syncFlushTimeout = 5_000;
        private int flushIntervalConsumeQueue = 1_000;
        private int flushConsumeQueueLeastPages = 2;
        private int flushConsumeQueueThoroughInterval = 60_000;
        private int fileReservedTime = 72;
        private String deleteWhen = "04";
        private int diskMaxUsedSpaceRatio = 75;
        private int diskSpaceCleanForciblyRatio = 85;
        private int diskSpaceWarningLevelRatio = 90;
        private boolean cleanFileForciblyEnable = true;
        private int cleanResourceInterval = 10_000;
        private int deleteFileBatchMax = 10;
        private boolean messageIndexEnable = true;
        private int maxHashSlotNum = 5_000_000;
        private int maxIndexNum = 5_000_000 * 4;
        private boolean checkCRCOnRecover = true;
        private int maxTransferBytesOnMessageInMemory = 256 * 1024;
        private int maxTransferCountOnMessageInMemory = 32;
        private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

        private Builder() {
        }

        public Builder storePathRootDir(Path v) {
            storePathRootDir = v;
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

        public Builder flushDiskType(FlushDiskType v) {
            flushDiskType = v;
            return this;
        }

        public Builder flushIntervalCommitLog(int v) {
            flushIntervalCommitLog = v;
            return this;
        }

        public Builder syncFlushTimeout(long v) {
            syncFlushTimeout = v;
            return this;
        }

        public Builder fileReservedTime(int v) {
            fileReservedTime = v;
            return this;
        }

        public Builder deleteWhen(String v) {
            deleteWhen = v;
            return this;
        }

        public Builder diskMaxUsedSpaceRatio(int v) {
            diskMaxUsedSpaceRatio = v;
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

        public StoreConfig build() {
            return new StoreConfig(this);
        }
    }
}
