package io.apogee.remoting.protocol.header;

/**
 * The headers of the broker admin requests that mqadmin sends (shared/protocol/05-admin.md and
 * 03-broker-client.md appendix B). Field names are the wire keys.
 */
public final class AdminHeaders {
    private AdminHeaders() {
    }

    /** {@code UPDATE_AND_CREATE_TOPIC} (17). {@code attributes} holds edits such as {@code +message.type=NORMAL}. */
    public record CreateTopic(@Required String topic, @Required String defaultTopic, @Required Integer readQueueNums,
            @Required Integer writeQueueNums, @Required Integer perm, @Required String topicFilterType,
            Integer topicSysFlag, @Required Boolean order, String attributes, Boolean force) implements CommandHeader {
    }

    /**
     * Requests naming one topic: {@code DELETE_TOPIC_IN_BROKER}, {@code GET_TOPIC_CONFIG},
     * {@code GET_TOPIC_STATS_INFO}, {@code QUERY_TOPIC_CONSUME_BY_WHO}.
     *
     * @param lo whether the caller wants the logical (static-topic) view; ignored, no static topics
     */
    public record TopicRequest(@Required String topic, Boolean lo) implements CommandHeader {
    }

    /** {@code DELETE_SUBSCRIPTIONGROUP} (207). */
    public record DeleteSubscriptionGroup(@Required String groupName, boolean cleanOffset) implements CommandHeader {
    }

    /** Requests naming one group: {@code GET_SUBSCRIPTIONGROUP_CONFIG}, {@code QUERY_TOPICS_BY_CONSUMER}. */
    public record GroupRequest(@Required String group) implements CommandHeader {
    }

    /** {@code QUERY_SUBSCRIPTION_BY_CONSUMER} (345). */
    public record QuerySubscriptionByConsumer(@Required String group, String topic) implements CommandHeader {
    }

    /** {@code GET_CONSUME_STATS} (208); {@code topicList} joins topics with {@code ;}. */
    public record GetConsumeStats(@Required String consumerGroup, String topic, String topicList)
            implements CommandHeader {
    }

    /**
     * {@code INVOKE_BROKER_TO_RESET_OFFSET} (222).
     *
     * @param queueId -1 (or absent) for every queue
     * @param offset the target offset; null or negative to compute it from {@code timestamp}
     * @param timestamp store time to reset to; -1 means the queue's max offset
     */
    public record ResetOffset(@Required String group, @Required String topic, Integer queueId, Long offset,
            @Required Long timestamp, @Required Boolean isForce) implements CommandHeader {
    }

    /** {@code GET_CONSUMER_CONNECTION_LIST} (203). */
    public record ConsumerGroupRequest(@Required String consumerGroup) implements CommandHeader {
    }

    /** {@code GET_PRODUCER_CONNECTION_LIST} (204). */
    public record ProducerGroupRequest(@Required String producerGroup) implements CommandHeader {
    }

    /** The answer to {@code GET_BROKER_CONFIG} (26): the data version as JSON text. */
    public record BrokerConfigResponse(String version) implements CommandHeader {
    }
}
