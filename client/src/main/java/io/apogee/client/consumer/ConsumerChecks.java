package io.apogee.client.consumer;

import io.apogee.common.naming.ResourceNames;

/**
 * The setting checks both consumer builders share, with the official client's rules and messages
 * naming the bad setting. Stateless.
 */
final class ConsumerChecks {
    private ConsumerChecks() {
    }

    /** @throws IllegalArgumentException unless 1..255 characters of [%|a-zA-Z0-9_-], and not DEFAULT_CONSUMER */
    static void checkGroup(String group) {
        if (group == null || group.length() > ResourceNames.MAX_GROUP_LENGTH
                || !ResourceNames.hasOnlyLegalCharacters(group)) {
            throw new IllegalArgumentException("consumerGroup must be 1..255 characters of [%|a-zA-Z0-9_-], "
                    + "consumerGroup=" + group);
        }
        if ("DEFAULT_CONSUMER".equals(group)) {
            throw new IllegalArgumentException("consumerGroup can not equal DEFAULT_CONSUMER, please specify another");
        }
    }

    /** @throws IllegalArgumentException unless 1..127 characters of [%|a-zA-Z0-9_-] */
    static void checkTopic(String topic) {
        if (topic == null || topic.length() > ResourceNames.MAX_TOPIC_LENGTH
                || !ResourceNames.hasOnlyLegalCharacters(topic)) {
            throw new IllegalArgumentException("topic must be 1..127 characters of [%|a-zA-Z0-9_-], topic=" + topic);
        }
    }

    /** @throws IllegalArgumentException naming {@code name} unless {@code min <= value <= max} */
    static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", " + name + "=" + value);
        }
    }
}
