package io.apogee.remoting.protocol.body;

import java.util.Set;

/** The body of a {@code LOCK_BATCH_MQ} response: the requested queues now held by the client. Immutable. */
public record LockBatchResponseBody(Set<MessageQueue> lockOKMQSet) {
    public LockBatchResponseBody {
        lockOKMQSet = lockOKMQSet == null ? Set.of() : Set.copyOf(lockOKMQSet);
    }
}
