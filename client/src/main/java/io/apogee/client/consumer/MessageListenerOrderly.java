package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.List;

/**
 * Consumes the messages of each queue one batch at a time, in queue order; different queues may be
 * consumed at the same time on different threads. In clustering mode the consumer holds the broker's
 * lock of every queue it consumes, so no other member consumes it meanwhile. A thrown exception counts as
 * {@link ConsumeOrderlyStatus#SUSPEND_CURRENT_QUEUE_A_MOMENT}. Must be thread-safe across queues.
 */
@FunctionalInterface
public interface MessageListenerOrderly {
    ConsumeOrderlyStatus consumeMessage(List<ReceivedMessage> messages, ConsumeOrderlyContext context);
}
