package io.apogee.store.metadata;

import java.util.Map;

/**
 * One consumer group's settings as stored in {@code subscriptionGroup.json}. The retry policy is
 * kept as the JSON object it is ({@code {"type":"CUSTOMIZED"}} by default) because its shape
 * depends on its type and the store does not interpret it.
 *
 * <p>Immutable and thread-safe.
 */
public record SubscriptionGroupConfig(String groupName, boolean consumeEnable, boolean consumeFromMinEnable,
                                      boolean consumeBroadcastEnable, boolean consumeMessageOrderly,
                                      int retryQueueNums, int retryMaxTimes, long brokerId,
                                      long whichBrokerWhenConsumeSlowly, boolean notifyConsumerIdsChangedEnable,
                                      int groupSysFlag, int consumeTimeoutMinute, Map<String, Object> groupRetryPolicy,
                                      Map<String, String> attributes) {

    public SubscriptionGroupConfig {
        groupRetryPolicy = Map.copyOf(groupRetryPolicy == null ? Map.of("type", "CUSTOMIZED") : groupRetryPolicy);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /** RocketMQ's defaults for a group created on first use. */
    public static SubscriptionGroupConfig withDefaults(String groupName) {
        return new SubscriptionGroupConfig(groupName, true, true, true, false, 1, 16, 0, 1, true, 0, 15, null, null);
    }
}
