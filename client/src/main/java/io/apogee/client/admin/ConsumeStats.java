package io.apogee.client.admin;

import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.OffsetWrapper;
import java.util.Map;

/**
 * A consumer group's progress on every broker that has it ({@code GET_CONSUME_STATS}): per queue, the
 * broker's max offset, the group's committed and pulled offsets and the store time of the last consumed
 * message. Immutable.
 */
public record ConsumeStats(String group, Map<MessageQueue, OffsetWrapper> offsets, double consumeTps) {
    public ConsumeStats {
        offsets = Map.copyOf(offsets);
    }

    /** Messages not consumed yet: the sum of broker offset minus consumer offset (mqadmin's Diff Total). */
    public long diffTotal() {
        return offsets.values().stream().mapToLong(o -> Math.max(0, o.brokerOffset() - o.consumerOffset())).sum();
    }
}
