package io.apogee.client.consumer;

/** What a {@link MessageListenerConcurrently} says of a batch. */
public enum ConsumeConcurrentlyStatus {
    /** Consumed: the offset may move past the batch. */
    CONSUME_SUCCESS,
    /** Not consumed: every message of the batch is delivered again later, its reconsume count one higher. */
    RECONSUME_LATER
}
