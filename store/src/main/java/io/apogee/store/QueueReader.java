package io.apogee.store;

import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.queue.ConsumeQueue;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.queue.CqEntry;
import io.apogee.store.queue.CqRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads messages by topic, queue and queue offset: walks the consume queue, filters on the tags
 * code, and returns views of the CommitLog records, bounded by a count and a byte budget.
 *
 * <p>Thread-safe and lock-free: it only reads published positions.
 */
final class QueueReader {
    /** Consume-queue entries read per step; bounds work per call when a filter rejects most. */
    private static final int ENTRIES_PER_STEP = 800;
    private static final int MAX_STEPS = 64;

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final int maxCountCap;
    private final int maxBytesCap;

    QueueReader(CommitLog log, ConsumeQueueTable queues, int maxCountCap, int maxBytesCap) {
        this.log = log;
        this.queues = queues;
        this.maxCountCap = maxCountCap;
        this.maxBytesCap = maxBytesCap;
    }

    GetMessageResult read(String topic, int queueId, long offset, int maxCount, int maxBytes, MessageFilter filter) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return GetMessageResult.empty(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        if (max == 0 || min >= max) {
            return GetMessageResult.empty(GetMessageStatus.NO_MESSAGE_IN_QUEUE, min, min, max);
        }
        if (offset < min) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        int countLimit = Math.max(1, Math.min(maxCount, maxCountCap));
        int bytesLimit = Math.max(1, Math.min(maxBytes, maxBytesCap));
        List<ByteBuffer> buffers = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        long next = offset;
        int bytes = 0;
        boolean sawRemoved = false;
        boolean full = false;
        long logMin = log.minOffset();
        for (int step = 0; step < MAX_STEPS && !full && next < max; step++) {
            CqRange range = cq.read(next, ENTRIES_PER_STEP);
            if (range.nextQueueOffset() <= next) {
                break;
            }
            for (CqEntry e : range.entries()) {
                if (buffers.size() >= countLimit || (!buffers.isEmpty() && bytes + e.size() > bytesLimit)) {
                    full = true;
                    next = e.queueOffset();
                    break;
                }
                next = e.queueOffset() + 1;
                if (e.physicalOffset() < logMin) {
                    sawRemoved = true;
                    continue;
                }
                if (!filter.matchesTagsCode(e.tagsCode())) {
                    continue;
                }
                ByteBuffer record = log.read(e.physicalOffset(), e.size());
                if (record == null) {
                    sawRemoved = true;
                    continue;
                }
                if (!filter.matchesRecord(record.duplicate())) {
                    continue;
                }
                buffers.add(record);
                offsets.add(e.queueOffset());
                bytes += e.size();
            }
            if (!full) {
                next = Math.max(next, range.nextQueueOffset());
            }
        }
        GetMessageStatus status = !buffers.isEmpty() ? GetMessageStatus.FOUND
                : sawRemoved ? GetMessageStatus.MESSAGE_WAS_REMOVING : GetMessageStatus.NO_MATCHED_MESSAGE;
        return new GetMessageResult(status, next, min, max, List.copyOf(buffers), List.copyOf(offsets));
    }
}
