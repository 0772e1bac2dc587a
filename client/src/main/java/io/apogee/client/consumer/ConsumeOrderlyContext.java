package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;

/**
 * The context of one orderly batch: the listener may change how long its queue pauses after
 * {@link ConsumeOrderlyStatus#SUSPEND_CURRENT_QUEUE_A_MOMENT} (default: the consumer's
 * {@code suspendCurrentQueueTimeMillis}). Confined to the consume thread of its batch.
 */
public final class ConsumeOrderlyContext {
    private final MessageQueue messageQueue;
    private long suspendCurrentQueueTimeMillis;

    ConsumeOrderlyContext(MessageQueue messageQueue, long suspendCurrentQueueTimeMillis) {
        this.messageQueue = messageQueue;
        this.suspendCurrentQueueTimeMillis = suspendCurrentQueueTimeMillis;
    }

    public MessageQueue messageQueue() {
        return messageQueue;
    }

    public long suspendCurrentQueueTimeMillis() {
        return suspendCurrentQueueTimeMillis;
    }

    /** Values below 10 ms are raised to 10 ms, above 30 s lowered to 30 s. */
    public void suspendCurrentQueueTimeMillis(long millis) {
        this.suspendCurrentQueueTimeMillis = Math.max(10, Math.min(30_000, millis));
    }
}
