package io.apogee.store.queue;

/**
 * The 20-byte ConsumeQueue entry; the entry for queue offset {@code q} sits at byte {@code q * 20}
 * of the queue's address space. Big-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                 CommitLog offset of the record (8)            |
 *  +---------------------------------------------------------------+  8
 *  |                     record size (TOTALSIZE)                   |
 *  +---------------------------------------------------------------+ 12
 *  |                         tags code (8)                         |
 *  +---------------------------------------------------------------+ 20
 * </pre>
 *
 * A filler entry {@code (0, Integer.MAX_VALUE, 0)} pads a queue whose first offset is not 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConsumeQueueEntryLayout {
    public static final int ENTRY_SIZE = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 0;
    public static final int SIZE_OFFSET = 8;
    public static final int TAGS_CODE_OFFSET = 12;
    public static final int FILLER_SIZE = Integer.MAX_VALUE;

    private ConsumeQueueEntryLayout() {
    }

    /** Byte address of the entry for {@code queueOffset}. */
    public static long addressOf(long queueOffset) {
        if (queueOffset < 0) {
            throw new IllegalArgumentException("queue offset must not be negative, queueOffset=" + queueOffset);
        }
        return queueOffset * ENTRY_SIZE;
    }

    /** A written entry (fillers included): recovery stops at the first entry that is not. */
    public static boolean isWritten(long physicalOffset, int size) {
        return physicalOffset >= 0 && size > 0;
    }

    public static boolean isFiller(int size) {
        return size == FILLER_SIZE;
    }
}
