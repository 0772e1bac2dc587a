package io.apogee.common.metadata;

import java.util.Map;

/**
 * A topic as a broker holds it. Immutable.
 *
 * @param perm permission bits: 1 inherit, 2 write, 4 read
 * @param topicFilterType {@code SINGLE_TAG} or {@code MULTI_TAG}
 * @param topicSysFlag bit 0 unit topic, bit 1 has unit subscription
 * @param attributes such as {@code message.type}; may be empty, never null once read
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm, String topicFilterType,
        int topicSysFlag, boolean order, Map<String, String> attributes) {
    public static final int DEFAULT_QUEUE_NUMS = 16;

    public TopicConfig {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        topicFilterType = topicFilterType == null ? "SINGLE_TAG" : topicFilterType;
    }

    /** A readable and writable single-tag topic with the given queue counts. */
    public static TopicConfig of(String topicName, int queueNums, int perm) {
        return new TopicConfig(topicName, queueNums, queueNums, perm, "SINGLE_TAG", 0, false, Map.of());
    }
}
