package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Round-robin allocation (the official "averagely by circle"): member {@code i} (by sorted position)
 * of {@code c} takes queues {@code i, i + c, i + 2c, ...}, so each broker's queues spread over the
 * members. Stateless, thread-safe.
 */
final class CircleAllocation implements AllocateStrategy {
    static final CircleAllocation INSTANCE = new CircleAllocation();

    private CircleAllocation() {
    }

    @Override
    public List<MessageQueue> allocate(String group, String currentClientId, List<MessageQueue> queues,
            List<String> clientIds) {
        int index = clientIds.indexOf(currentClientId);
        if (index < 0) {
            return List.of();
        }
        List<MessageQueue> mine = new ArrayList<>();
        for (int i = index; i < queues.size(); i += clientIds.size()) {
            mine.add(queues.get(i));
        }
        return List.copyOf(mine);
    }

    @Override
    public String toString() {
        return "AVG_BY_CIRCLE";
    }
}
