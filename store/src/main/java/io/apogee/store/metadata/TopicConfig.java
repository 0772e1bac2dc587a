package io.apogee.store.metadata;

import java.util.Map;

/**
 * One topic's configuration as stored in {@code topics.json}. Defaults: 16 read and 16 write
 * queues, perm 6 (read + write), {@code SINGLE_TAG}. Attributes are stored without the {@code +}
 * prefix used on the wire.
 *
 * <p>Immutable and thread-safe.
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm, String topicFilterType,
                          int topicSysFlag, boolean order, Map<String, String> attributes) {

    public TopicConfig {
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        topicFilterType = topicFilterType == null ? "SINGLE_TAG" : topicFilterType;
    }

    public static TopicConfig withDefaults(String topicName) {
        return new TopicConfig(topicName, 16, 16, 6, "SINGLE_TAG", 0, false, Map.of());
    }
}
