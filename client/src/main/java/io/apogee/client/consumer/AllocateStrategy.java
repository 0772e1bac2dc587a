package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Decides which queues of a topic one member of a clustering group consumes. Every member runs the
 * same strategy on the same sorted inputs, so together they cover each queue exactly once.
 * Implementations must be stateless or thread-safe.
 */
@FunctionalInterface
public interface AllocateStrategy {
    /**
     * @param group the consumer group
     * @param currentClientId this client's id; a member of {@code clientIds}
     * @param queues every queue of the topic, sorted
     * @param clientIds the group's members, sorted
     * @return the queues {@code currentClientId} consumes; empty when it is not a member
     */
    List<MessageQueue> allocate(String group, String currentClientId, List<MessageQueue> queues,
            List<String> clientIds);

    /** Contiguous ranges of nearly equal size, the first members taking one more when it does not divide. */
    static AllocateStrategy averagely() {
        return AverageAllocation.INSTANCE;
    }

    /** Round-robin: member {@code i} of {@code c} takes queues {@code i, i + c, ...} ("averagely by circle"). */
    static AllocateStrategy averagelyByCircle() {
        return CircleAllocation.INSTANCE;
    }
}
