package io.apogee.store.queue;

/**
 * One decoded ConsumeQueue entry with the queue offset it was read at.
 *
 * <p>Immutable and thread-safe.
 */
public record CqEntry(long queueOffset, long physicalOffset, int size, long tagsCode) {
}
