package io.apogee.store.index;

import static io.apogee.store.index.IndexFileLayout.*;

import io.apogee.store.file.MappedFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One hash index file ({@link IndexFileLayout}), named by its creation time.
 *
 * <p>Thread-safe: puts (the dispatcher) and queries (admin requests, rare) are serialised on the
 * file, because a chain is only consistent once slot, entry and count are all written.
 */
public final class IndexFile {
    private final MappedFile file;
    private final int slotCount;
    private final int maxIndexCount;

    private IndexFile(MappedFile file, int slotCount, int maxIndexCount) {
        this.file = file;
        this.slotCount = slotCount;
        this.maxIndexCount = maxIndexCount;
    }

    /** Creates a file whose begin and end inherit the previous file's end, as RocketMQ does. */
    public static IndexFile create(Path path, int slotCount, int maxIndexCount, long inheritedOffset,
                                   long inheritedTimestamp) {
        IndexFile f = open(path, slotCount, maxIndexCount);
        ByteBuffer b = f.file.buffer();
        b.putLong(BEGIN_TIMESTAMP_OFFSET, inheritedTimestamp);
        b.putLong(END_TIMESTAMP_OFFSET, inheritedTimestamp);
        b.putLong(BEGIN_PHYSICAL_OFFSET_OFFSET, inheritedOffset);
        b.putLong(END_PHYSICAL_OFFSET_OFFSET, inheritedOffset);
        b.putInt(INDEX_COUNT_OFFSET, 1);
        return f;
    }

    public static IndexFile open(Path path, int slotCount, int maxIndexCount) {
        long size = fileSize(slotCount, maxIndexCount);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("index file too large to map, size=" + size);
        }
        MappedFile mf = MappedFile.open(path, 0, (int) size);
        mf.setWrotePosition((int) size);
        return new IndexFile(mf, slotCount, maxIndexCount);
    }

    public Path path() {
        return file.path();
    }

    public synchronized boolean isFull() {
        return indexCount() >= maxIndexCount;
    }

    private int indexCount() {
        return file.buffer().getInt(INDEX_COUNT_OFFSET);
    }

    public synchronized int entryCount() {
        return Math.max(0, indexCount() - 1);
    }

    public synchronized long beginTimestamp() {
        return file.buffer().getLong(BEGIN_TIMESTAMP_OFFSET);
    }

    public synchronized long endTimestamp() {
        return file.buffer().getLong(END_TIMESTAMP_OFFSET);
    }

    public synchronized long endPhysicalOffset() {
        return file.buffer().getLong(END_PHYSICAL_OFFSET_OFFSET);
    }

    /** Adds one key; false if the file is full. */
    public synchronized boolean put(String key, long physicalOffset, long storeTimestamp) {
        ByteBuffer b = file.buffer();
        int count = indexCount();
        if (count >= maxIndexCount) {
            return false;
        }
        int hash = keyHash(key);
        int slotAt = slotAddress(hash % slotCount);
        int previous = b.getInt(slotAt);
        if (previous <= 0 || previous > count) {
            previous = 0;
        }
        boolean first = count <= 1;
        long begin = first ? storeTimestamp : b.getLong(BEGIN_TIMESTAMP_OFFSET);
        long diffSeconds = begin <= 0 ? 0 : Math.max(0, Math.min(Integer.MAX_VALUE, (storeTimestamp - begin) / 1000));
        int entryAt = entryAddress(slotCount, count);
        b.putInt(entryAt + ENTRY_KEY_HASH_OFFSET, hash);
        b.putLong(entryAt + ENTRY_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        b.putInt(entryAt + ENTRY_TIME_DIFF_OFFSET, (int) diffSeconds);
        b.putInt(entryAt + ENTRY_PREVIOUS_OFFSET, previous);
        b.putInt(slotAt, count);
        if (first) {
            b.putLong(BEGIN_TIMESTAMP_OFFSET, storeTimestamp);
            b.putLong(BEGIN_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        }
        if (previous == 0) {
            b.putInt(SLOTS_USED_OFFSET, b.getInt(SLOTS_USED_OFFSET) + 1);
        }
        b.putLong(END_TIMESTAMP_OFFSET, storeTimestamp);
        b.putLong(END_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        b.putInt(INDEX_COUNT_OFFSET, count + 1);
        return true;
    }

    /** True if this file may hold keys stored within [begin, end]. */
    public synchronized boolean overlaps(long begin, long end) {
        return beginTimestamp() <= end && endTimestamp() >= begin;
    }

    /** Appends to {@code out}, newest first, offsets of entries whose hash matches within [begin, end]. */
    public synchronized void query(String key, long begin, long end, int maxCount, List<Long> out) {
        ByteBuffer b = file.buffer();
        int count = indexCount();
        int hash = keyHash(key);
        int entry = b.getInt(slotAddress(hash % slotCount));
        long fileBegin = b.getLong(BEGIN_TIMESTAMP_OFFSET);
        int bound = count;
        while (entry > 0 && entry < count && out.size() < maxCount && bound-- > 0) {
            int at = entryAddress(slotCount, entry);
            long time = fileBegin + b.getInt(at + ENTRY_TIME_DIFF_OFFSET) * 1000L;
            if (time < begin) {
                break;
            }
            if (b.getInt(at + ENTRY_KEY_HASH_OFFSET) == hash && time <= end) {
                out.add(b.getLong(at + ENTRY_PHYSICAL_OFFSET_OFFSET));
            }
            int previous = b.getInt(at + ENTRY_PREVIOUS_OFFSET);
            if (previous == entry) {
                break;
            }
            entry = previous;
        }
    }

    /**
     * After the CommitLog lost its tail, lowers the end offset so records appended again at those
     * offsets are indexed rather than taken for duplicates.
     */
    public synchronized void clampEndOffset(long commitLogEnd) {
        if (endPhysicalOffset() >= commitLogEnd) {
            file.buffer().putLong(END_PHYSICAL_OFFSET_OFFSET, commitLogEnd - 1);
        }
    }

    public void flush() {
        file.setFlushedPosition(0);
        file.flush();
    }

    public void delete() {
        file.delete();
    }
}
