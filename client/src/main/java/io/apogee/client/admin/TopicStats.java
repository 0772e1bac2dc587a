package io.apogee.client.admin;

import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.TopicOffset;
import java.util.Map;

/**
 * A topic's queues on every broker of its route ({@code GET_TOPIC_STATS_INFO}). Immutable.
 *
 * @param offsets each queue's min and max offset and the store time of its last message
 * @param putTps the sum of the brokers' put TPS
 */
public record TopicStats(String topic, Map<MessageQueue, TopicOffset> offsets, double putTps) {
    public TopicStats {
        offsets = Map.copyOf(offsets);
    }

    /** Messages the queues hold now: the sum of max minus min offsets. */
    public long messageCount() {
        return offsets.values().stream().mapToLong(o -> o.maxOffset() - o.minOffset()).sum();
    }
}
