package io.apogee.client.runtime;

import java.util.Set;

/**
 * A producer group registered with a {@link ClientRuntime}: what the runtime needs from it to keep its
 * routes fresh, to describe it in heartbeats and to route transaction checks to it. Implementations
 * are called from the runtime's threads and must be thread-safe.
 */
public interface ProducerMember {
    String group();

    /** Topics this producer has published to; their routes are polled. */
    Set<String> publishedTopics();

    /** The handler of the broker's transaction checks, or null for a producer without transactions. */
    default TransactionCheckHandler transactionCheckHandler() {
        return null;
    }
}
