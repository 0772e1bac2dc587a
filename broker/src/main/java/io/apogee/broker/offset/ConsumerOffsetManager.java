package io.apogee.broker.offset;

import io.apogee.store.metadata.ConsumerOffsetFile;
import io.apogee.common.metadata.DataVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Consumer groups' committed offsets per topic and queue (the next offset to consume), kept in memory
 * and persisted to {@code config/consumerOffset.json} on a timer and at shutdown. Also remembers
 * offsets reset by an operator until the group's consumers have picked them up. Thread-safe.
 */
public final class ConsumerOffsetManager {
    private static final char SEPARATOR = '@';

    private final ConsumerOffsetFile file;
    private final Clock clock;
    private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> offsets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> pendingResets = new ConcurrentHashMap<>();
    private volatile DataVersion dataVersion;

    public ConsumerOffsetManager(Path configDir, Clock clock) {
        this.file = new ConsumerOffsetFile(configDir, clock);
        this.clock = clock;
        this.dataVersion = DataVersion.initial(clock.millis());
    }

    private static String key(String topic, String group) {
        return topic + SEPARATOR + group;
    }

    public synchronized void load() {
        ConsumerOffsetFile.Contents contents = file.load();
        contents.offsetTable().forEach((key, queues) -> offsets.put(key, new ConcurrentHashMap<>(queues)));
        dataVersion = contents.dataVersion();
    }

    /** The committed offset, or -1 when the group has none for the queue. */
    public long query(String group, String topic, int queueId) {
        Map<Integer, Long> queues = offsets.get(key(topic, group));
        if (queues == null) {
            return -1;
        }
        Long offset = queues.get(queueId);
        return offset == null ? -1 : offset;
    }

    /** Stores a committed offset. */
    public void commit(String group, String topic, int queueId, long offset) {
        offsets.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** Every queue's committed offset of a group on a topic (a copy). */
    public Map<Integer, Long> queueOffsets(String group, String topic) {
        Map<Integer, Long> queues = offsets.get(key(topic, group));
        return queues == null ? Map.of() : new HashMap<>(queues);
    }

    /** Groups that have committed offsets on {@code topic}. */
    public Set<String> groupsOf(String topic) {
        Set<String> groups = new TreeSet<>();
        for (String key : offsets.keySet()) {
            int at = key.indexOf(SEPARATOR);
            if (at > 0 && key.substring(0, at).equals(topic)) {
                groups.add(key.substring(at + 1));
            }
        }
        return groups;
    }

    /** Topics on which {@code group} has committed offsets. */
    public Set<String> topicsOf(String group) {
        Set<String> topics = new TreeSet<>();
        for (String key : offsets.keySet()) {
            int at = key.indexOf(SEPARATOR);
            if (at > 0 && key.substring(at + 1).equals(group)) {
                topics.add(key.substring(0, at));
            }
        }
        return topics;
    }

    /** Replaces a queue's offset on an operator's request; the next pull of that queue is moved there. */
    public void reset(String group, String topic, int queueId, long offset) {
        commit(group, topic, queueId, offset);
        pendingResets.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** The pending reset of a queue, removed as it is taken, or -1 when there is none. */
    public long takePendingReset(String group, String topic, int queueId) {
        Map<Integer, Long> queues = pendingResets.get(key(topic, group));
        if (queues == null) {
            return -1;
        }
        Long offset = queues.remove(queueId);
        return offset == null ? -1 : offset;
    }

    /** Whether an operator's reset of the queue waits to be picked up by a pull. */
    public boolean hasPendingReset(String group, String topic, int queueId) {
        Map<Integer, Long> queues = pendingResets.get(key(topic, group));
        return queues != null && queues.containsKey(queueId);
    }

    /** Drops every offset of {@code group}. */
    public void removeGroup(String group) {
        offsets.keySet().removeIf(key -> key.endsWith(SEPARATOR + group));
        pendingResets.keySet().removeIf(key -> key.endsWith(SEPARATOR + group));
    }

    /** Drops every offset on {@code topic}. */
    public void removeTopic(String topic) {
        offsets.keySet().removeIf(key -> key.startsWith(topic + SEPARATOR));
        pendingResets.keySet().removeIf(key -> key.startsWith(topic + SEPARATOR));
    }

    public synchronized void persist() {
        Map<String, Map<Integer, Long>> copy = new HashMap<>();
        offsets.forEach((key, queues) -> copy.put(key, new HashMap<>(queues)));
        dataVersion = dataVersion.next(clock.millis());
        file.save(new ConsumerOffsetFile.Contents(dataVersion, copy));
    }
}
