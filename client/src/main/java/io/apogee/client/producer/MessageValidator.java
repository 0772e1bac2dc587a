package io.apogee.client.producer;

import io.apogee.client.Message;
import io.apogee.common.naming.ResourceNames;
import java.util.Set;

/**
 * Refuses a message before it is sent, with the reason: a topic a broker would reject, a body that is
 * empty or over the limit. Stateless and thread-safe.
 */
final class MessageValidator {
    static final int MAX_TOPIC_LENGTH = ResourceNames.MAX_TOPIC_LENGTH;
    /** Topics brokers keep for themselves; a send to them is refused with NO_PERMISSION. */
    private static final Set<String> SYSTEM_TOPICS = Set.of("SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
            "RMQ_SYS_TRANS_OP_HALF_TOPIC", "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT",
            "TBW102");

    private MessageValidator() {
    }

    /** @throws IllegalArgumentException naming the topic and what is wrong */
    static void checkTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the topic must not be empty");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("the topic is longer than " + MAX_TOPIC_LENGTH + " characters, topic="
                    + topic);
        }
        if (!ResourceNames.hasOnlyLegalCharacters(topic)) {
            throw new IllegalArgumentException("the topic may only contain letters, digits, '%', '|', '_' and '-', "
                    + "topic=" + topic);
        }
        if (SYSTEM_TOPICS.contains(topic)) {
            throw new IllegalArgumentException("the topic " + topic + " is a system topic, applications may not "
                    + "send to it");
        }
    }

    /** @throws IllegalArgumentException naming the topic and what is wrong */
    static void check(Message message, int maxMessageSize) {
        checkTopic(message.topic());
        if (message.bodyLength() == 0) {
            throw new IllegalArgumentException("the message body is empty, topic=" + message.topic());
        }
        if (message.bodyLength() > maxMessageSize) {
            throw new IllegalArgumentException("the message body is " + message.bodyLength()
                    + " bytes, over the limit of " + maxMessageSize + " (maxMessageSize), topic=" + message.topic());
        }
    }
}
