package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.List;

/**
 * Consumes batches of a push consumer on its consume threads, many at once and in no particular order.
 * A thrown exception counts as {@link ConsumeConcurrentlyStatus#RECONSUME_LATER}. Must be thread-safe.
 */
@FunctionalInterface
public interface MessageListenerConcurrently {
    /**
     * @param messages up to {@code consumeMessageBatchMaxSize} messages of one queue
     * @param context where they came from; lets the listener choose the retry delay
     */
    ConsumeConcurrentlyStatus consumeMessage(List<ReceivedMessage> messages, ConsumeConcurrentlyContext context);
}
