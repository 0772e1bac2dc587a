package io.apogee.client.admin;

import java.util.Map;

/**
 * A consumer group's settings on a broker ({@code subscriptionGroup.json}; the body of
 * {@code UPDATE_AND_CREATE_SUBSCRIPTIONGROUP}), with RocketMQ's field names. Immutable.
 *
 * @param brokerId the node consumers read from (0 = master)
 * @param whichBrokerWhenConsumeSlowly the node to move to when consumption lags
 * @param groupRetryPolicy the retry policy as its JSON object, e.g. {@code {"type":"CUSTOMIZED"}}
 */
public record SubscriptionGroup(String groupName, boolean consumeEnable, boolean consumeFromMinEnable,
        boolean consumeBroadcastEnable, boolean consumeMessageOrderly, int retryQueueNums, int retryMaxTimes,
        long brokerId, long whichBrokerWhenConsumeSlowly, boolean notifyConsumerIdsChangedEnable, int groupSysFlag,
        int consumeTimeoutMinute, Map<String, Object> groupRetryPolicy, Map<String, String> attributes) {

    /** @throws IllegalArgumentException on a bad name or a negative count */
    public SubscriptionGroup {
        AdminChecks.checkGroup(groupName);
        if (retryQueueNums < 0 || retryMaxTimes < -1 || consumeTimeoutMinute < 0) {
            throw new IllegalArgumentException("retryQueueNums and consumeTimeoutMinute must be >= 0 and retryMaxTimes"
                    + " >= -1, group=" + groupName);
        }
        groupRetryPolicy = Map.copyOf(groupRetryPolicy == null ? Map.of("type", "CUSTOMIZED") : groupRetryPolicy);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /**
     * The settings {@code mqadmin updateSubGroup -g name} creates: consumption on, from-min and
     * broadcast off, one retry queue, 16 retries, consumers read the master.
     */
    public static SubscriptionGroup defaults(String groupName) {
        return new SubscriptionGroup(groupName, true, false, false, false, 1, 16, 0, 1, true, 0, 15, null, null);
    }

    public SubscriptionGroup withConsumeMessageOrderly(boolean orderly) {
        return new SubscriptionGroup(groupName, consumeEnable, consumeFromMinEnable, consumeBroadcastEnable, orderly,
                retryQueueNums, retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly, notifyConsumerIdsChangedEnable,
                groupSysFlag, consumeTimeoutMinute, groupRetryPolicy, attributes);
    }

    public SubscriptionGroup withRetryMaxTimes(int times) {
        return new SubscriptionGroup(groupName, consumeEnable, consumeFromMinEnable, consumeBroadcastEnable,
                consumeMessageOrderly, retryQueueNums, times, brokerId, whichBrokerWhenConsumeSlowly,
                notifyConsumerIdsChangedEnable, groupSysFlag, consumeTimeoutMinute, groupRetryPolicy, attributes);
    }

    public SubscriptionGroup withConsumeEnable(boolean enable) {
        return new SubscriptionGroup(groupName, enable, consumeFromMinEnable, consumeBroadcastEnable,
                consumeMessageOrderly, retryQueueNums, retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly,
                notifyConsumerIdsChangedEnable, groupSysFlag, consumeTimeoutMinute, groupRetryPolicy, attributes);
    }
}
