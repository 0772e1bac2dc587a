package io.apogee.client.producer;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Picks the queue of the next attempt: round-robin over the topic's queues, skipping the broker the
 * previous attempt failed on and brokers the fault strategy avoids; when every broker is avoided, any
 * broker but the last failed one; when there is only that one, it. Stateless and thread-safe.
 */
final class QueuePicker {
    private QueuePicker() {
    }

    /**
     * @param avoidBroker the broker of the failed previous attempt, or null on a first attempt
     */
    static MessageQueue pick(TopicPublishInfo info, String avoidBroker, BrokerFaultStrategy faults) {
        List<MessageQueue> queues = info.queues();
        int n = queues.size();
        int start = info.nextIndex();
        for (int i = 0; i < n; i++) {
            MessageQueue q = queues.get((start + i) % n);
            if (!q.brokerName().equals(avoidBroker) && faults.isAvailable(q.brokerName())) {
                return q;
            }
        }
        for (int i = 0; i < n; i++) {
            MessageQueue q = queues.get((start + i) % n);
            if (!q.brokerName().equals(avoidBroker)) {
                return q;
            }
        }
        return queues.get(start % n);
    }
}
