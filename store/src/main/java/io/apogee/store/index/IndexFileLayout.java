package io.apogee.store.index;

/**
 * Layout of an index file: a 40-byte header, a table of hash slots, then chained entries.
 * Big-endian throughout.
 *
 * <pre>
 * Header (40 bytes)
 *  +-------------------------------+-------------------------------+
 *  | begin timestamp (8)           | end timestamp (8)             |  0 / 8
 *  +-------------------------------+-------------------------------+
 *  | begin physical offset (8)     | end physical offset (8)       | 16 / 24
 *  +---------------+---------------+-------------------------------+
 *  | slots used (4)| index count(4)|                                 32 / 36
 *  +---------------+---------------+
 * Slot s (4 bytes) at 40 + s*4: number of the newest entry in that slot, 0 = empty.
 * Entry n (20 bytes, n >= 1) at 40 + slotCount*4 + n*20:
 *  +---------------+-------------------------------+---------------+---------------+
 *  | key hash (4)  | CommitLog offset (8)          | time diff s(4)| prev entry (4)|
 *  +---------------+-------------------------------+---------------+---------------+
 * </pre>
 *
 * The index count starts at 1 (entry 0 is never used). The time difference is in seconds from the
 * header's begin timestamp. Key = {@code topic + "#" + key}; hash = {@code abs(key.hashCode())}
 * (0 on overflow); slot = hash % slotCount.
 *
 * <p>Stateless and thread-safe.
 */
public final class IndexFileLayout {
    public static final int HEADER_SIZE = 40;
    public static final int BEGIN_TIMESTAMP_OFFSET = 0;
    public static final int END_TIMESTAMP_OFFSET = 8;
    public static final int BEGIN_PHYSICAL_OFFSET_OFFSET = 16;
    public static final int END_PHYSICAL_OFFSET_OFFSET = 24;
    public static final int SLOTS_USED_OFFSET = 32;
    public static final int INDEX_COUNT_OFFSET = 36;

    public static final int SLOT_SIZE = 4;
    public static final int ENTRY_SIZE = 20;
    public static final int ENTRY_KEY_HASH_OFFSET = 0;
    public static final int ENTRY_PHYSICAL_OFFSET_OFFSET = 4;
    public static final int ENTRY_TIME_DIFF_OFFSET = 12;
    public static final int ENTRY_PREVIOUS_OFFSET = 16;

    private IndexFileLayout() {
    }

    public static long fileSize(int slotCount, int indexCount) {
        return HEADER_SIZE + (long) slotCount * SLOT_SIZE + (long) indexCount * ENTRY_SIZE;
    }

    public static int slotAddress(int slot) {
        return HEADER_SIZE + slot * SLOT_SIZE;
    }

    public static int entryAddress(int slotCount, int entry) {
        return HEADER_SIZE + slotCount * SLOT_SIZE + entry * ENTRY_SIZE;
    }

    public static String key(String topic, String key) {
        return topic + "#" + key;
    }

    public static int keyHash(String key) {
        int h = Math.abs(key.hashCode());
        return h < 0 ? 0 : h;
    }
}
