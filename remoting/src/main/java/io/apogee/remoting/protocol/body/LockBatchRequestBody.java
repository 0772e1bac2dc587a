package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * The body of {@code LOCK_BATCH_MQ} and {@code UNLOCK_BATCH_MQ}: the queues an orderly consumer wants
 * to lock or release for its client id. Immutable.
 *
 * @param onlyThisBroker true when the client asks not to relay the lock to other replicas
 */
public record LockBatchRequestBody(String consumerGroup, String clientId, boolean onlyThisBroker,
        Set<MessageQueue> mqSet) {
    public LockBatchRequestBody {
        mqSet = mqSet == null ? Set.of() : Set.copyOf(mqSet);
    }
}
