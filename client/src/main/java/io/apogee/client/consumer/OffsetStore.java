package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Where a group's consumed offsets live: in the brokers (clustering) or in a local file
 * (broadcasting). Implementations are thread-safe.
 */
interface OffsetStore {
    /** The stored offset of {@code queue}, empty when none; may block up to the API time-out. */
    OptionalLong read(MessageQueue queue) throws Exception;

    /** Stores {@code state}'s offset if it moved since its last store, without waiting (auto-commit, drops). */
    void storeQuietly(QueueState state);

    /** Stores {@code offset} of {@code queue}; the future completes when it is durable where it goes. */
    CompletableFuture<Void> store(MessageQueue queue, long offset);

    /** Makes stored offsets durable (the local file); a no-op where {@link #storeQuietly} already is. */
    default void flush() {
    }
}
