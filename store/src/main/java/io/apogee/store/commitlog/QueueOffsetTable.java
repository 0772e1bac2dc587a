package io.apogee.store.commitlog;

import java.util.HashMap;
import java.util.Map;

/**
 * The next queue offset of every topic/queue, assigned at append time.
 *
 * <p>Not thread-safe: used only under the CommitLog's append lock, and by recovery before appends
 * start.
 */
public final class QueueOffsetTable {
    private final Map<String, Long> next = new HashMap<>(1024);

    static String key(String topic, int queueId) {
        return topic + '-' + queueId;
    }

    public long next(String topic, int queueId) {
        Long v = next.get(key(topic, queueId));
        return v == null ? 0 : v;
    }

    public void advance(String topic, int queueId, long count) {
        next.merge(key(topic, queueId), count, Long::sum);
    }

    public void set(String topic, int queueId, long nextOffset) {
        next.put(key(topic, queueId), nextOffset);
    }

    public void clear() {
        next.clear();
    }
}
