package io.apogee.client.consumer;

/** What a {@link MessageListenerOrderly} says of a batch. */
public enum ConsumeOrderlyStatus {
    /** Consumed: the queue moves on and the offset is committed past the batch. */
    SUCCESS,
    /**
     * Not consumed: the queue stops for {@code suspendCurrentQueueTimeMillis} and the same batch comes
     * again, its reconsume count one higher; past {@code maxReconsumeTimes} it goes to the dead-letter topic.
     */
    SUSPEND_CURRENT_QUEUE_A_MOMENT
}
