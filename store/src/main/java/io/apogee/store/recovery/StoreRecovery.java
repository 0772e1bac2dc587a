package io.apogee.store.recovery;

import static io.apogee.common.message.MessageRecordLayout.MAGIC_OFFSET;

import io.apogee.common.message.MessageRecordLayout;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.dispatch.Dispatcher;
import io.apogee.store.file.MappedFile;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueue;
import io.apogee.store.queue.ConsumeQueueTable;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings CommitLog, consume queues and index back in line after a restart. Consume queues are
 * cut at their first unwritten entry; the log is scanned with checks from a safe point and cut at
 * the first bad record; every valid record on the way is dispatched again (dispatch is
 * idempotent); queues and index then forget anything past the log's end, and the next queue
 * offsets are rebuilt from the queues.
 *
 * <p>The safe point after a clean shutdown is the file holding the consume queues' furthest
 * reference. After a crash it is the newest file whose first record is older than the
 * checkpoint's min timestamp, or earlier if the queues lag behind it.
 *
 * <p>Not thread-safe; runs once before any service starts.
 */
public final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Checkpoint checkpoint;
    private final Dispatcher dispatcher;
    private final boolean checkCrc;

    /** What recovery did, for logs and tests. */
    public record Outcome(boolean abnormal, long startOffset, long endOffset, long recordsScanned, long millis) {
    }

    public StoreRecovery(CommitLog log, ConsumeQueueTable queues, IndexService index, Checkpoint checkpoint,
                         Dispatcher dispatcher, boolean checkCrc) {
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.checkpoint = checkpoint;
        this.dispatcher = dispatcher;
        this.checkCrc = checkCrc;
    }

    public Outcome recover(boolean abnormal) {
        long started = System.nanoTime();
        for (ConsumeQueue q : queues.all()) {
            q.recover();
        }
        List<MappedFile> files = log.files().files();
        if (files.isEmpty()) {
            for (ConsumeQueue q : queues.all()) {
                q.destroy();
            }
            return new Outcome(abnormal, 0, 0, 0, 0);
        }
        long cqEnd = queues.maxPhysicalEnd();
        int startFile = fileIndexHolding(files, cqEnd);
        if (abnormal) {
            startFile = Math.min(startFile, fileIndexByCheckpoint(files, checkpoint.minTimestamp()));
        }
        long startOffset = files.get(startFile).fromOffset();
        RecoveryScanner.Result scan = new RecoveryScanner(log.files(), checkCrc).scan(startFile,
                dispatcher::dispatch);
        long end = scan.endOffset();
        log.files().truncateTo(end);
        for (ConsumeQueue q : queues.all()) {
            q.truncateAbove(end);
            log.queueOffsets().set(q.topic(), q.queueId(), q.maxOffset());
            q.deleteBelow(log.minOffset());
        }
        if (index != null) {
            index.truncateAbove(end);
        }
        if (scan.lastStoreTimestamp() > 0) {
            log.setLastStoreTimestamp(scan.lastStoreTimestamp());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("{} recovery scanned {} records from offset {}; CommitLog ends at {} ({} ms)",
                abnormal ? "abnormal" : "normal", scan.records(), startOffset, end, millis);
        return new Outcome(abnormal, startOffset, end, scan.records(), millis);
    }

    private static int fileIndexHolding(List<MappedFile> files, long offset) {
        for (int i = files.size() - 1; i >= 0; i--) {
            if (files.get(i).fromOffset() <= offset) {
                return i;
            }
        }
        return 0;
    }

    /** Newest file whose first record was stored at or before {@code minTimestamp}; else the first. */
    private static int fileIndexByCheckpoint(List<MappedFile> files, long minTimestamp) {
        for (int i = files.size() - 1; i >= 0; i--) {
            ByteBuffer buf = files.get(i).buffer();
            int magic = buf.getInt(MAGIC_OFFSET);
            if (!MessageRecordLayout.isMessageMagic(magic)) {
                continue;
            }
            int sysFlag = buf.getInt(MessageRecordLayout.SYS_FLAG_OFFSET);
            long storeTimestamp = buf.getLong(MessageRecordLayout.storeTimestampOffset(sysFlag));
            if (storeTimestamp != 0 && storeTimestamp <= minTimestamp) {
                return i;
            }
        }
        return 0;
    }
}
