package io.apogee.store.recovery;

import io.apogee.store.file.MappedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code checkpoint} file: one 4096-byte page, memory-mapped, big-endian, rest zero.
 *
 * <pre>
 *  +-------------------------------+  0  physicMsgTimestamp: store time of the last flushed CommitLog record
 *  |               8               |
 *  +-------------------------------+  8  logicsMsgTimestamp: store time of the last record put in a consume queue
 *  |               8               |
 *  +-------------------------------+ 16  indexMsgTimestamp: end time of the last full, flushed index file
 *  |               8               |
 *  +-------------------------------+ 24  masterFlushedOffset (replication; kept, not used by the store)
 *  |               8               |
 *  +-------------------------------+ 32  confirmPhyOffset (replication; kept, not used by the store)
 *  |               8               |
 *  +-------------------------------+ 40 .. 4096 zero
 * </pre>
 *
 * <p>Thread-safety: each field is written by one service (flusher, dispatcher, index roll) with an
 * absolute 8-byte put and read at recovery; {@link #flush()} may run on any thread.
 */
public final class Checkpoint {
    public static final int FILE_SIZE = 4096;
    private static final int PHYSIC_MSG_TIMESTAMP = 0;
    private static final int LOGICS_MSG_TIMESTAMP = 8;
    private static final int INDEX_MSG_TIMESTAMP = 16;
    /** Recovery starts this much before the checkpoint to cover clock granularity and races. */
    private static final long SAFETY_MARGIN_MILLIS = 3000;

    private final MappedFile file;

    private Checkpoint(MappedFile file) {
        this.file = file;
    }

    public static Checkpoint open(Path path) {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path.getParent(), e);
        }
        MappedFile f = MappedFile.open(path, 0, FILE_SIZE);
        f.setWrotePosition(FILE_SIZE);
        return new Checkpoint(f);
    }

    private ByteBuffer buf() {
        return file.buffer();
    }

    public long physicMsgTimestamp() {
        return buf().getLong(PHYSIC_MSG_TIMESTAMP);
    }

    public void setPhysicMsgTimestamp(long t) {
        buf().putLong(PHYSIC_MSG_TIMESTAMP, t);
    }

    public long logicsMsgTimestamp() {
        return buf().getLong(LOGICS_MSG_TIMESTAMP);
    }

    public void setLogicsMsgTimestamp(long t) {
        buf().putLong(LOGICS_MSG_TIMESTAMP, t);
    }

    public long indexMsgTimestamp() {
        return buf().getLong(INDEX_MSG_TIMESTAMP);
    }

    public void setIndexMsgTimestamp(long t) {
        buf().putLong(INDEX_MSG_TIMESTAMP, t);
    }

    /** The time before which everything is known to be on disk and in the consume queues. */
    public long minTimestamp() {
        long min = Math.min(physicMsgTimestamp(), logicsMsgTimestamp());
        return Math.max(0, min - SAFETY_MARGIN_MILLIS);
    }

    public void flush() {
        file.setFlushedPosition(0);
        file.flush();
    }
}
