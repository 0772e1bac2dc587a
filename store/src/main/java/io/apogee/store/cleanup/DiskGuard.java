package io.apogee.store.cleanup;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the store partition. Above {@code diskSpaceWarningLevelRatio} the disk counts as full
 * and the store refuses puts (reads go on) until usage drops, so a full disk degrades into
 * rejected sends instead of a crash mid-write. The ratios that trigger cleaning are read here too.
 *
 * <p>Thread-safe: {@link #check()} runs on the scheduler; the flags are volatile.
 */
public final class DiskGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);

    private final Path path;
    private final DiskUsage usage;
    private final double warningRatio;
    private volatile boolean diskFull;
    private volatile double lastRatio;

    public DiskGuard(Path path, DiskUsage usage, int warningLevelPercent) {
        this.path = path;
        this.usage = usage;
        this.warningRatio = warningLevelPercent / 100.0;
    }

    /** Re-reads usage and updates the full flag; returns the ratio read. */
    public double check() {
        double ratio = usage.usedRatio(path);
        lastRatio = ratio;
        boolean full = ratio > warningRatio;
        if (full != diskFull) {
            if (full) {
                LOG.error("disk {} is {}% used, above diskSpaceWarningLevelRatio; refusing new messages", path,
                        Math.round(ratio * 100));
            } else {
                LOG.info("disk {} back to {}% used; accepting messages again", path, Math.round(ratio * 100));
            }
            diskFull = full;
        }
        return ratio;
    }

    public boolean isDiskFull() {
        return diskFull;
    }

    public double lastRatio() {
        return lastRatio;
    }
}
