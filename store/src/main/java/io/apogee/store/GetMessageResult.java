package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Messages read from one queue: read-only views of the mapped CommitLog (no copies), one per
 * record and in queue order, with their queue offsets, plus where the next read should start.
 *
 * <p>Immutable and thread-safe, but each buffer has its own position: a consumer that reads one
 * (e.g. writes it to a socket) should use {@link ByteBuffer#duplicate()} if it is shared.
 */
public record GetMessageResult(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                               List<ByteBuffer> buffers, List<Long> queueOffsets) {

    public static GetMessageResult empty(GetMessageStatus status, long next, long min, long max) {
        return new GetMessageResult(status, next, min, max, List.of(), List.of());
    }

    public int messageCount() {
        return buffers.size();
    }

    public int bufferTotalSize() {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        return total;
    }
}
