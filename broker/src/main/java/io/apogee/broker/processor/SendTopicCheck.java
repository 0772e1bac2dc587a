package io.apogee.broker.processor;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.common.metadata.TopicConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Steps 2 to 6 of a send (shared/protocol/03-broker-client.md section 5.5): the topic's name, reserved
 * topics, creation from the default topic, and the queue id. Stateless apart from the managers it
 * asks; thread-safe.
 */
final class SendTopicCheck {
    static final String FAQ = "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";

    private final BrokerConfig config;
    private final TopicConfigManager topics;

    SendTopicCheck(BrokerConfig config, TopicConfigManager topics) {
        this.config = config;
        this.topics = topics;
    }

    /** The topic the send goes to, created from its template when needed. */
    TopicConfig topicFor(SendRequest send) throws RequestRejectedException {
        String topic = send.topic();
        String invalid = TopicConfigManager.invalidNameReason(topic);
        if (invalid != null) {
            throw new RequestRejectedException(ResponseCode.INVALID_PARAMETER, invalid);
        }
        if (SystemTopics.isNotWritableByClients(topic)) {
            throw new RequestRejectedException(ResponseCode.NO_PERMISSION,
                    "Sending message to topic[" + topic + "] is forbidden.");
        }
        TopicConfig found = topics.get(topic);
        if (found == null) {
            found = topics.createFromTemplate(topic, send.defaultTopic(), send.defaultTopicQueueNums());
        }
        if (found == null && SystemTopics.isRetryTopic(topic)) {
            // A consumer's fallback re-send (section 13.2) may come before any retry topic exists.
            found = topics.createSystemTopicIfAbsent(topic, 1, Permission.READ_WRITE);
        }
        if (found == null) {
            throw new RequestRejectedException(ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + topic + "] not exist, apply first please!" + FAQ);
        }
        if (found.order() && (config.brokerPermission() & Permission.WRITE) == 0) {
            throw new RequestRejectedException(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerIP1()
                    + "] sending message is forbidden");
        }
        return found;
    }

    /** The queue the send goes to: the requested one, or a random writable one when it asked for none. */
    static int queueFor(SendRequest send, TopicConfig topic, String producerAddr) throws RequestRejectedException {
        int queueId = send.queueId();
        if (queueId < 0) {
            return ThreadLocalRandom.current().nextInt(Math.max(1, topic.writeQueueNums()));
        }
        int queues = Math.max(topic.readQueueNums(), topic.writeQueueNums());
        if (queueId >= queues) {
            throw new RequestRejectedException(ResponseCode.INVALID_PARAMETER, "request queueId[" + queueId
                    + "] is illegal, topic:" + topic.topicName() + " has " + queues + " queues, Producer: "
                    + producerAddr);
        }
        return queueId;
    }
}
