package io.apogee.store.dispatch;

/**
 * Told when a message becomes visible in a consume queue, so the broker can wake long polls.
 *
 * <p>Implementations must be thread-safe and quick: they run on the dispatcher thread.
 */
@FunctionalInterface
public interface ArrivalListener {
    void onArrived(String topic, int queueId, long nextQueueOffset, long tagsCode, long storeTimestamp);
}
