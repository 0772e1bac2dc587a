package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;

/**
 * The context of one concurrent batch. The listener may set the delay level of the retry should it
 * answer {@link ConsumeConcurrentlyStatus#RECONSUME_LATER}: 0 (default) lets the broker choose from the
 * reconsume count (level 3 + count, 10 s for the first retry), a positive level picks that delay
 * (1 = 1 s, 2 = 5 s, ...), a negative one sends the messages straight to the dead-letter topic.
 * Confined to the consume thread of its batch.
 */
public final class ConsumeConcurrentlyContext {
    private final MessageQueue messageQueue;
    private int delayLevelWhenNextConsume;

    ConsumeConcurrentlyContext(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public MessageQueue messageQueue() {
        return messageQueue;
    }

    public int delayLevelWhenNextConsume() {
        return delayLevelWhenNextConsume;
    }

    public void delayLevelWhenNextConsume(int level) {
        this.delayLevelWhenNextConsume = level;
    }
}
