package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.List;

/**
 * Messages of one pull waiting for {@code poll}, tagged with the epoch of their queue. An empty batch
 * only advances the queue's consumed offset past entries the filters dropped. Immutable.
 *
 * @param nextOffset the queue's consumed offset once this batch is returned
 */
record Batch(QueueState state, int epoch, long nextOffset, List<ReceivedMessage> messages) {
    Batch {
        messages = List.copyOf(messages);
    }
}
