package io.apogee.store.commitlog;

import static io.apogee.common.message.MessageRecordLayout.BLANK_MAGIC_CODE;
import static io.apogee.common.message.MessageRecordLayout.BLANK_RECORD_LENGTH;

import io.apogee.common.message.EncodedRecord;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single log all messages of all topics are appended to: a {@link MappedFileQueue} of
 * fixed-size files, each closed by an 8-byte blank record once the next record does not fit.
 *
 * <p>Thread-safety: {@link #append} is the single append path and is serialised by one lock; it
 * assigns queue offsets, physical offsets and the store time under that lock, so records appear in
 * the log in exactly the order of their offsets. Reads never lock: they only see bytes below a
 * file's published wrote position.
 */
public final class CommitLog {
    private final MappedFileQueue files;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final QueueOffsetTable queueOffsets = new QueueOffsetTable();
    private volatile long lastStoreTimestamp;

    public CommitLog(Path directory, int fileSize, Clock clock) {
        this.files = new MappedFileQueue(directory, fileSize);
        this.clock = clock;
    }

    public MappedFileQueue files() {
        return files;
    }

    public int fileSize() {
        return files.fileSize();
    }

    /** Next queue offsets; recovery rebuilds them before appends start. */
    public QueueOffsetTable queueOffsets() {
        return queueOffsets;
    }

    /**
     * Appends one message, or a batch bound for one topic and queue whose records must land in
     * one file with consecutive queue offsets. The caller has checked sizes against the limits,
     * including that the batch fits an empty file.
     */
    public AppendResult append(List<EncodedRecord> records) {
        MessageRecord first = records.get(0).message();
        int total = 0;
        for (EncodedRecord r : records) {
            total += r.length();
        }
        if (total + BLANK_RECORD_LENGTH > files.fileSize()) {
            throw new IllegalArgumentException("records larger than a CommitLog file, bytes=" + total
                    + ", fileSize=" + files.fileSize());
        }
        boolean consumable = MessageSysFlag.isConsumable(first.sysFlag());
        appendLock.lock();
        try {
            long now = clock.millis();
            MappedFile file = files.lastWritable(0);
            if (total + BLANK_RECORD_LENGTH > file.freeBytes()) {
                closeWithBlank(file);
                file = files.lastWritable(0);
            }
            long queueOffset = consumable ? queueOffsets.next(first.topic(), first.queueId()) : 0;
            ByteBuffer buf = file.buffer();
            int pos = file.wrotePosition();
            long wroteOffset = file.fromOffset() + pos;
            for (int i = 0; i < records.size(); i++) {
                EncodedRecord r = records.get(i);
                // Prepared and rolled-back transaction records carry queue offset 0 (RocketMQ's rule).
                r.writeTo(buf, pos, consumable ? queueOffset + i : 0, file.fromOffset() + pos, now);
                pos += r.length();
            }
            file.setWrotePosition(pos);
            if (consumable) {
                queueOffsets.advance(first.topic(), first.queueId(), records.size());
            }
            lastStoreTimestamp = now;
            return new AppendResult(wroteOffset, total, queueOffset, records.size(), now, first.storeHost());
        } finally {
            appendLock.unlock();
        }
    }

    private static void closeWithBlank(MappedFile file) {
        ByteBuffer buf = file.buffer();
        int pos = file.wrotePosition();
        buf.putInt(pos, file.freeBytes());
        buf.putInt(pos + 4, BLANK_MAGIC_CODE);
        file.setWrotePosition(file.size());
    }

    public long minOffset() {
        return files.minOffset();
    }

    public long maxOffset() {
        return files.maxOffset();
    }

    public long flushedOffset() {
        return files.flushedOffset();
    }

    /** Store time of the last appended record. */
    public long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }

    public void setLastStoreTimestamp(long timestamp) {
        lastStoreTimestamp = timestamp;
    }

    /** Forces all written bytes to disk; returns the flushed offset. Flusher thread only. */
    public long flush() {
        return files.flush();
    }

    /** A read-only view of {@code size} bytes at {@code offset}, or null if not (or no longer) readable. */
    public ByteBuffer read(long offset, int size) {
        MappedFile file = files.find(offset);
        if (file == null) {
            return null;
        }
        int pos = (int) (offset - file.fromOffset());
        if (size <= 0 || pos + size > file.wrotePosition()) {
            return null;
        }
        return file.slice(pos, size);
    }

    /** The TOTALSIZE of the record at {@code offset}, or -1 if nothing readable starts there. */
    public int sizeAt(long offset) {
        MappedFile file = files.find(offset);
        if (file == null) {
            return -1;
        }
        int pos = (int) (offset - file.fromOffset());
        if (pos + 4 > file.wrotePosition()) {
            return -1;
        }
        return file.buffer().getInt(pos);
    }

    /** Decodes the record at {@code offset}, or returns null if there is no whole record there. */
    public MessageRecord decode(long offset, boolean readBody) {
        int size = sizeAt(offset);
        if (size <= 0) {
            return null;
        }
        ByteBuffer view = read(offset, size);
        if (view == null) {
            return null;
        }
        try {
            return MessageRecordDecoder.decode(view, 0, readBody, false);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The store time recorded at {@code offset}, or -1; used by the offset-by-time search. */
    public long storeTimestampAt(long offset, int size) {
        ByteBuffer view = read(offset, size);
        if (view == null) {
            return -1;
        }
        int sysFlag = view.getInt(MessageRecordLayout.SYS_FLAG_OFFSET);
        return view.getLong(MessageRecordLayout.storeTimestampOffset(sysFlag));
    }
}
