package io.apogee.store.cleanup;

import io.apogee.store.CleanupConfig;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.file.MappedFile;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueue;
import io.apogee.store.queue.ConsumeQueueTable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old CommitLog files and, after them, the consume-queue and index files that only point
 * into deleted data. A CommitLog file goes when it is older than {@code fileReservedTime} hours and
 * either the hour is one of {@code deleteWhen}, the disk is past {@code diskMaxUsedSpaceRatio}, or
 * an admin asked; past {@code diskSpaceCleanForciblyRatio} files go even if not expired. Files are
 * taken oldest first, never the current one, and never past the first that must stay (no holes).
 *
 * <p>Thread-safe: {@link #run()} is serialised (the scheduler and an admin request may both call it);
 * {@link #requestManualDelete} may be called from any thread.
 */
public final class Cleaner {
    private static final Logger LOG = LoggerFactory.getLogger(Cleaner.class);
    private static final int MANUAL_ROUNDS = 20;

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final DiskGuard guard;
    private final Clock clock;
    private final CleanupConfig policy;
    private volatile int manualRounds;

    /** @param index null when indexing is off */
    public Cleaner(CommitLog log, ConsumeQueueTable queues, IndexService index, DiskGuard guard, Clock clock,
                   CleanupConfig policy) {
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.guard = guard;
        this.clock = clock;
        this.policy = policy;
    }

    /** As the {@code DELETE_EXPIRED_COMMITLOG} admin request: clean at any hour for a while. */
    public void requestManualDelete() {
        manualRounds = MANUAL_ROUNDS;
    }

    /** One cleaning round; returns the number of CommitLog files deleted. */
    public synchronized int run() {
        double ratio = guard.check();
        boolean manual = manualRounds > 0;
        if (manual) {
            manualRounds--;
        }
        boolean spaceFull = ratio > policy.diskMaxUsedSpaceRatio() / 100.0;
        boolean forcibly = policy.cleanFileForciblyEnable() && ratio > policy.diskSpaceCleanForciblyRatio() / 100.0;
        int deleted = 0;
        if (isDeleteHour() || spaceFull || manual || forcibly) {
            deleted = deleteCommitLogFiles(forcibly);
        }
        cleanQueuesAndIndex();
        return deleted;
    }

    private boolean isDeleteHour() {
        int hour = LocalDateTime.ofInstant(clock.instant(), clock.getZone()).getHour();
        Set<Integer> hours = new HashSet<>();
        for (String h : policy.deleteWhen().split(";")) {
            try {
                hours.add(Integer.parseInt(h.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("ignoring bad deleteWhen hour '{}'", h);
            }
        }
        return hours.contains(hour);
    }

    private int deleteCommitLogFiles(boolean forcibly) {
        long now = clock.millis();
        long reserved = policy.fileReservedTime() * 3_600_000L;
        int deleted = 0;
        while (deleted < policy.deleteFileBatchMax()) {
            List<MappedFile> files = log.files().files();
            if (files.size() <= 1) {
                break;
            }
            MappedFile f = files.get(0);
            if (!forcibly && f.lastModifiedMillis() + reserved > now) {
                break;
            }
            log.files().deleteFirst(f);
            deleted++;
            LOG.info("deleted CommitLog file {}{}", f.path(), forcibly ? " (disk above clean-forcibly ratio)" : "");
        }
        return deleted;
    }

    /** Consume-queue and index files follow the CommitLog's min offset. */
    public void cleanQueuesAndIndex() {
        long min = log.minOffset();
        for (ConsumeQueue q : queues.all()) {
            q.deleteBelow(min);
        }
        if (index != null) {
            index.deleteBelow(min);
        }
    }
}
