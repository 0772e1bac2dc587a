package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Records found by key: views of the CommitLog (no copies) and their physical offsets, newest
 * first. Keys are matched by hash, so the caller (ultimately the client) checks the key itself.
 *
 * <p>Immutable and thread-safe.
 */
public record QueryMessageResult(List<ByteBuffer> buffers, List<Long> physicalOffsets) {
}
