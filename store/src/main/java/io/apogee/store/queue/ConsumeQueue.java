package io.apogee.store.queue;

import static io.apogee.store.queue.ConsumeQueueEntryLayout.*;

import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of one topic queue into the CommitLog: a {@link MappedFileQueue} of 20-byte entries
 * ({@link ConsumeQueueEntryLayout}) in queue-offset order, under {@code consumequeue/<topic>/<queueId>/}.
 *
 * <p>Thread-safety: one writer (the dispatcher, or recovery before it starts) calls {@link #put},
 * {@link #recover} and {@link #truncateAbove}; readers call the lookups concurrently and see only
 * entries below the published end. {@link #deleteBelow} (cleanup) only removes whole head files.
 */
public final class ConsumeQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);
    private static final int RECOVERY_FILES = 3;

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    private volatile long maxPhysicalEnd;
    private volatile long minAddress;

    public ConsumeQueue(String topic, int queueId, Path directory, int fileSize) {
        if (fileSize % ENTRY_SIZE != 0) {
            throw new IllegalArgumentException("consume queue file size must be a multiple of 20, fileSize="
                    + fileSize);
        }
        this.topic = topic;
        this.queueId = queueId;
        this.files = new MappedFileQueue(directory, fileSize);
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    public MappedFileQueue files() {
        return files;
    }

    public void load() {
        files.load();
    }

    /** Highest CommitLog end (offset + size) referenced by this queue. */
    public long maxPhysicalEnd() {
        return maxPhysicalEnd;
    }

    /**
     * Writes the entry for {@code queueOffset}. Idempotent, because recovery replays records that
     * may already be indexed: entries at or behind the end, or for CommitLog bytes already
     * covered, are skipped. A gap (the queue starts later than 0, or its files were removed) is
     * padded with filler entries so that the address of every entry stays {@code q * 20}.
     */
    public void put(long queueOffset, long physicalOffset, int size, long tagsCode) {
        if (physicalOffset + size <= maxPhysicalEnd) {
            return;
        }
        long address = addressOf(queueOffset);
        long end = files.maxOffset();
        if (files.isEmpty()) {
            end = address - address % files.fileSize();
            minAddress = address;
        }
        if (address < end) {
            return;
        }
        if (address > end && !files.isEmpty()) {
            LOG.warn("consume queue {}-{} has a gap from {} to queue offset {}; padding with fillers", topic,
                    queueId, end / ENTRY_SIZE, queueOffset);
        }
        for (long a = end; a < address; a += ENTRY_SIZE) {
            writeEntry(a, 0, FILLER_SIZE, 0);
        }
        writeEntry(address, physicalOffset, size, tagsCode);
        maxPhysicalEnd = physicalOffset + size;
    }

    private void writeEntry(long address, long physicalOffset, int size, long tagsCode) {
        MappedFile file = files.lastWritable(address);
        int pos = (int) (address - file.fromOffset());
        ByteBuffer buf = file.buffer();
        buf.putLong(pos + PHYSICAL_OFFSET_OFFSET, physicalOffset);
        buf.putInt(pos + SIZE_OFFSET, size);
        buf.putLong(pos + TAGS_CODE_OFFSET, tagsCode);
        file.setWrotePosition(pos + ENTRY_SIZE);
    }

    /** Queue offset of the first entry still present. */
    public long minOffset() {
        return Math.max(minAddress, files.minOffset()) / ENTRY_SIZE;
    }

    /** Queue offset the next message will get: one past the last entry. */
    public long maxOffset() {
        return files.maxOffset() / ENTRY_SIZE;
    }

    /** The entry at {@code queueOffset}, or null if absent or a filler. */
    public CqEntry get(long queueOffset) {
        List<CqEntry> one = read(queueOffset, 1).entries();
        return one.isEmpty() ? null : one.get(0);
    }

    /**
     * Up to {@code maxCount} consecutive entries from {@code queueOffset}, stopping at the end of the
     * file holding it; the range tells where to continue. Fillers are skipped.
     */
    public CqRange read(long queueOffset, int maxCount) {
        long address = addressOf(queueOffset);
        MappedFile file = files.find(address);
        if (file == null) {
            return new CqRange(List.of(), queueOffset);
        }
        int pos = (int) (address - file.fromOffset());
        int end = Math.min(file.wrotePosition(), pos + maxCount * ENTRY_SIZE);
        ByteBuffer buf = file.buffer();
        List<CqEntry> out = new ArrayList<>(Math.max(0, (end - pos) / ENTRY_SIZE));
        for (int p = pos; p + ENTRY_SIZE <= end; p += ENTRY_SIZE) {
            int size = buf.getInt(p + SIZE_OFFSET);
            if (!isFiller(size)) {
                out.add(new CqEntry((file.fromOffset() + p) / ENTRY_SIZE, buf.getLong(p + PHYSICAL_OFFSET_OFFSET),
                        size, buf.getLong(p + TAGS_CODE_OFFSET)));
            }
        }
        return new CqRange(out, Math.max(queueOffset, (file.fromOffset() + end) / ENTRY_SIZE));
    }

    /**
     * Finds the real end after a restart: scans the last few files and cuts the queue at the first
     * entry that was never written.
     */
    public void recover() {
        List<MappedFile> all = files.files();
        if (all.isEmpty()) {
            return;
        }
        long end = all.get(all.size() - 1).fromOffset() + files.fileSize();
        long lastEnd = 0;
        for (int i = Math.max(0, all.size() - RECOVERY_FILES); i < all.size(); i++) {
            MappedFile f = all.get(i);
            ByteBuffer buf = f.buffer();
            int pos = 0;
            for (; pos + ENTRY_SIZE <= f.size(); pos += ENTRY_SIZE) {
                long phys = buf.getLong(pos + PHYSICAL_OFFSET_OFFSET);
                int size = buf.getInt(pos + SIZE_OFFSET);
                if (!isWritten(phys, size)) {
                    break;
                }
                if (!isFiller(size)) {
                    lastEnd = phys + size;
                }
            }
            if (pos < f.size()) {
                end = f.fromOffset() + pos;
                break;
            }
        }
        files.truncateTo(end);
        maxPhysicalEnd = lastEnd;
        minAddress = firstRealEntry(files.first());
    }

    private static long firstRealEntry(MappedFile file) {
        if (file == null) {
            return 0;
        }
        ByteBuffer buf = file.buffer();
        for (int p = 0; p + ENTRY_SIZE <= file.wrotePosition(); p += ENTRY_SIZE) {
            if (!isFiller(buf.getInt(p + SIZE_OFFSET))) {
                return file.fromOffset() + p;
            }
        }
        return file.fromOffset() + file.wrotePosition();
    }

    /** Drops trailing entries that point at or past {@code commitLogEnd} (a truncated log tail). */
    public void truncateAbove(long commitLogEnd) {
        long address = files.maxOffset();
        long lowest = files.minOffset();
        while (address > lowest) {
            CqEntry e = rawAt(address - ENTRY_SIZE);
            if (e == null || isFiller(e.size()) || e.physicalOffset() + e.size() <= commitLogEnd) {
                break;
            }
            address -= ENTRY_SIZE;
        }
        if (address < files.maxOffset()) {
            LOG.info("truncating consume queue {}-{} to queue offset {}", topic, queueId, address / ENTRY_SIZE);
            files.truncateTo(address);
        }
        maxPhysicalEnd = lastRealEnd();
    }

    private long lastRealEnd() {
        long lowest = files.minOffset();
        for (long a = files.maxOffset() - ENTRY_SIZE; a >= lowest; a -= ENTRY_SIZE) {
            CqEntry e = rawAt(a);
            if (e == null) {
                return 0;
            }
            if (!isFiller(e.size())) {
                return e.physicalOffset() + e.size();
            }
        }
        return 0;
    }

    /**
     * The queue offset for a point in time: with {@code upper} false, the first entry stored at or
     * after {@code timestamp} (max offset if none); with {@code upper} true, the last entry stored
     * at or before it (min offset if none). Binary search over store times read from the log.
     */
    public long offsetByTime(long timestamp, boolean upper, StoreTimeLookup lookup) {
        long low = minOffset();
        long high = maxOffset() - 1;
        long answer = upper ? minOffset() : maxOffset();
        int bound = 64;
        while (low <= high && bound-- > 0) {
            long mid = (low + high) >>> 1;
            CqEntry e = get(mid);
            long t = e == null ? -1 : lookup.storeTimestamp(e.physicalOffset(), e.size());
            if (t < 0) {
                // Record already deleted: everything that old is before any sensible time.
                low = mid + 1;
                continue;
            }
            if (upper ? t <= timestamp : t >= timestamp) {
                answer = mid;
                if (upper) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            } else if (upper) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return answer;
    }

    /** Reads the store time of a CommitLog record; -1 when it is gone. */
    @FunctionalInterface
    public interface StoreTimeLookup {
        long storeTimestamp(long physicalOffset, int size);
    }

    private CqEntry rawAt(long address) {
        MappedFile f = files.find(address);
        if (f == null) {
            return null;
        }
        int pos = (int) (address - f.fromOffset());
        ByteBuffer buf = f.buffer();
        return new CqEntry(address / ENTRY_SIZE, buf.getLong(pos), buf.getInt(pos + SIZE_OFFSET),
                buf.getLong(pos + TAGS_CODE_OFFSET));
    }

    /**
     * Deletes head files whose last entry points below {@code commitLogMinOffset} (never the last
     * file) and moves the min offset past entries whose records are gone. Returns files deleted.
     */
    public int deleteBelow(long commitLogMinOffset) {
        int deleted = 0;
        // Bounded by the file count: each pass deletes the head or stops.
        for (int bound = files.files().size(); bound > 0 && files.files().size() > 1; bound--) {
            MappedFile f = files.first();
            CqEntry last = rawAt(f.fromOffset() + f.size() - ENTRY_SIZE);
            if (last == null || last.physicalOffset() >= commitLogMinOffset) {
                break;
            }
            files.deleteFirst(f);
            deleted++;
        }
        MappedFile first = files.first();
        if (first != null) {
            long a = Math.max(minAddress, first.fromOffset());
            long end = first.fromOffset() + first.wrotePosition();
            for (; a < end; a += ENTRY_SIZE) {
                CqEntry e = rawAt(a);
                if (e == null || (!isFiller(e.size()) && e.physicalOffset() >= commitLogMinOffset)) {
                    break;
                }
            }
            minAddress = a;
        }
        return deleted;
    }

    /** Flushes if at least {@code leastPages} are dirty (0 = always). */
    public void flush(int leastPages) {
        if (files.dirtyPages() >= leastPages || leastPages == 0) {
            files.flush();
        }
    }

    public void destroy() {
        files.destroy();
        maxPhysicalEnd = 0;
        minAddress = 0;
    }
}
