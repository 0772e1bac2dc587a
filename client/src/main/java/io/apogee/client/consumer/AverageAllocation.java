package io.apogee.client.consumer;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * The default allocation ("averagely"): with {@code q} queues and {@code c} members, member {@code i}
 * (by sorted position) takes a contiguous range of {@code q / c} queues, one more for the first
 * {@code q % c} members; with more members than queues the last ones get nothing. Stateless,
 * thread-safe.
 */
final class AverageAllocation implements AllocateStrategy {
    static final AverageAllocation INSTANCE = new AverageAllocation();

    private AverageAllocation() {
    }

    @Override
    public List<MessageQueue> allocate(String group, String currentClientId, List<MessageQueue> queues,
            List<String> clientIds) {
        int index = clientIds.indexOf(currentClientId);
        if (index < 0 || queues.isEmpty()) {
            return List.of();
        }
        int members = clientIds.size();
        int base = queues.size() / members;
        int extra = queues.size() % members;
        int start = index * base + Math.min(index, extra);
        int count = base + (index < extra ? 1 : 0);
        return List.copyOf(queues.subList(start, start + count));
    }

    @Override
    public String toString() {
        return "AVG";
    }
}
