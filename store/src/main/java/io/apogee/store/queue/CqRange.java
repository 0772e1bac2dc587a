package io.apogee.store.queue;

import java.util.List;

/**
 * Entries read from a consume queue, and the queue offset to continue reading from.
 *
 * <p>Immutable and thread-safe.
 */
public record CqRange(List<CqEntry> entries, long nextQueueOffset) {
}
