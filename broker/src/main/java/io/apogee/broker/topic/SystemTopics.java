package io.apogee.broker.topic;

import io.apogee.broker.BrokerConfig;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.common.metadata.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The topics every broker holds from the start, and those clients may not send to. */
public final class SystemTopics {
    /** The template for auto-created topics. */
    public static final String AUTO_CREATE_TOPIC_KEY = "TBW102";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String RETRY_GROUP_TOPIC_PREFIX = "%RETRY%";
    public static final String DLQ_GROUP_TOPIC_PREFIX = "%DLQ%";
    public static final int SCHEDULE_LEVELS = 18;

    private static final Set<String> NOT_WRITABLE_BY_CLIENTS = Set.of(SCHEDULE_TOPIC, TRANS_HALF_TOPIC,
            TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);

    private SystemTopics() {
    }

    /** The topics a fresh broker registers (shared/protocol/02-namesrv.md section 9). */
    static List<TopicConfig> initial(BrokerConfig config) {
        List<TopicConfig> topics = new ArrayList<>();
        if (config.autoCreateTopicEnable()) {
            topics.add(TopicConfig.of(AUTO_CREATE_TOPIC_KEY, config.defaultTopicQueueNums(),
                    Permission.READ_WRITE | Permission.INHERIT));
        }
        topics.add(TopicConfig.of(config.brokerClusterName(), 16, Permission.READ_WRITE | Permission.INHERIT));
        topics.add(TopicConfig.of(config.brokerName(), 1, Permission.READ_WRITE | Permission.INHERIT));
        topics.add(TopicConfig.of(SELF_TEST_TOPIC, 1, Permission.READ_WRITE));
        topics.add(TopicConfig.of(OFFSET_MOVED_EVENT, 1, Permission.READ_WRITE));
        topics.add(TopicConfig.of(SCHEDULE_TOPIC, SCHEDULE_LEVELS, Permission.READ_WRITE));
        topics.add(TopicConfig.of(TRANS_HALF_TOPIC, 1, Permission.READ_WRITE));
        topics.add(TopicConfig.of(TRANS_OP_HALF_TOPIC, 1, Permission.READ_WRITE));
        topics.add(TopicConfig.of(config.brokerClusterName() + "_REPLY_TOPIC", 1, Permission.READ_WRITE));
        topics.add(TopicConfig.of("rmq_sys_SYNC_BROKER_MEMBER_" + config.brokerName(), 1, Permission.INHERIT));
        return topics;
    }

    /** Whether clients are refused when they send to {@code topic}. */
    public static boolean isNotWritableByClients(String topic) {
        return NOT_WRITABLE_BY_CLIENTS.contains(topic);
    }

    public static String retryTopic(String group) {
        return RETRY_GROUP_TOPIC_PREFIX + group;
    }

    public static String dlqTopic(String group) {
        return DLQ_GROUP_TOPIC_PREFIX + group;
    }

    public static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
    }
}
