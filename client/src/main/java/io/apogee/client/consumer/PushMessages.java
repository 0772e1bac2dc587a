package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;

/**
 * How a push consumer presents pulled messages: a retry (stored in {@code %RETRY%<group>}) shows its
 * original topic, as the official client shows it, and a message consumed again locally shows its
 * new reconsume count. Stateless.
 */
final class PushMessages {
    static final String RETRY_PREFIX = "%RETRY%";
    /** The property a send-back adds: the topic the message was first consumed from. */
    static final String RETRY_TOPIC_PROPERTY = "RETRY_TOPIC";

    private PushMessages() {
    }

    static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    /** {@code message} with its original topic when it came from the group's retry topic. */
    static ReceivedMessage restoreRetryTopic(ReceivedMessage message, String group) {
        String original = message.property(RETRY_TOPIC_PROPERTY);
        if (original == null || !message.topic().equals(retryTopic(group)) || original.equals(message.topic())) {
            return message;
        }
        return copy(message, original, message.reconsumeTimes());
    }

    static ReceivedMessage withReconsumeTimes(ReceivedMessage message, int times) {
        return times == message.reconsumeTimes() ? message : copy(message, message.topic(), times);
    }

    private static ReceivedMessage copy(ReceivedMessage m, String topic, int reconsumeTimes) {
        return new ReceivedMessage(topic, m.queueId(), m.queueOffset(), m.msgId(), m.offsetMsgId(), m.flag(),
                m.sysFlag(), m.bornTimestamp(), m.storeTimestamp(), reconsumeTimes, m.properties(), m.body());
    }
}
