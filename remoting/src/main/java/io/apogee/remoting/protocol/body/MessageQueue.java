package io.apogee.remoting.protocol.body;

import java.util.Comparator;

/**
 * One queue of a topic on a named broker, as lock bodies and admin statistics name it. Ordered by
 * topic, broker name, then queue id, as the official peers sort queues. Immutable.
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {
    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }
}
