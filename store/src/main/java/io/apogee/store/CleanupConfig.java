package io.apogee.store;

import static io.apogee.store.ConfigKeys.boolKey;
import static io.apogee.store.ConfigKeys.clamp;
import static io.apogee.store.ConfigKeys.intKey;
import static io.apogee.store.ConfigKeys.positive;
import static io.apogee.store.ConfigKeys.stringKey;

import java.util.Properties;

/**
 * When old files go and when the disk counts as full. RocketMQ's key names and defaults; the
 * three ratios are clamped as RocketMQ clamps them, so a typo cannot switch the guard off.
 *
 * <p>Immutable and thread-safe.
 */
public record CleanupConfig(int fileReservedTime, String deleteWhen, int diskMaxUsedSpaceRatio,
                            int diskSpaceCleanForciblyRatio, int diskSpaceWarningLevelRatio,
                            boolean cleanFileForciblyEnable, int cleanResourceInterval, int deleteFileBatchMax) {

    public CleanupConfig {
        deleteWhen = deleteWhen == null ? "04" : deleteWhen.trim();
        diskMaxUsedSpaceRatio = clamp(diskMaxUsedSpaceRatio, 10, 95);
        diskSpaceCleanForciblyRatio = clamp(diskSpaceCleanForciblyRatio, 30, 85);
        diskSpaceWarningLevelRatio = clamp(diskSpaceWarningLevelRatio, 35, 90);
        positive("cleanResourceInterval", cleanResourceInterval);
        positive("deleteFileBatchMax", deleteFileBatchMax);
    }

    public static CleanupConfig defaults() {
        return new CleanupConfig(72, "04", 75, 85, 90, true, 10_000, 10);
    }

    public static CleanupConfig fromProperties(Properties p) {
        CleanupConfig d = defaults();
        return new CleanupConfig(
                intKey(p, "fileReservedTime", d.fileReservedTime),
                stringKey(p, "deleteWhen", d.deleteWhen),
                intKey(p, "diskMaxUsedSpaceRatio", d.diskMaxUsedSpaceRatio),
                intKey(p, "diskSpaceCleanForciblyRatio", d.diskSpaceCleanForciblyRatio),
                intKey(p, "diskSpaceWarningLevelRatio", d.diskSpaceWarningLevelRatio),
                boolKey(p, "cleanFileForciblyEnable", d.cleanFileForciblyEnable),
                intKey(p, "cleanResourceInterval", d.cleanResourceInterval),
                intKey(p, "deleteFileBatchMax", d.deleteFileBatchMax));
    }

    public CleanupConfig withFileReservedTime(int hours) {
        return new CleanupConfig(hours, deleteWhen, diskMaxUsedSpaceRatio, diskSpaceCleanForciblyRatio,
                diskSpaceWarningLevelRatio, cleanFileForciblyEnable, cleanResourceInterval, deleteFileBatchMax);
    }

    public CleanupConfig withDeleteWhen(String hours) {
        return new CleanupConfig(fileReservedTime, hours, diskMaxUsedSpaceRatio, diskSpaceCleanForciblyRatio,
                diskSpaceWarningLevelRatio, cleanFileForciblyEnable, cleanResourceInterval, deleteFileBatchMax);
    }

    public CleanupConfig withDiskMaxUsedSpaceRatio(int percent) {
        return new CleanupConfig(fileReservedTime, deleteWhen, percent, diskSpaceCleanForciblyRatio,
                diskSpaceWarningLevelRatio, cleanFileForciblyEnable, cleanResourceInterval, deleteFileBatchMax);
    }
}
