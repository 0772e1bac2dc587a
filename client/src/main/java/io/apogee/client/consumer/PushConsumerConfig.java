package io.apogee.client.consumer;

import io.apogee.client.runtime.ClientSettings;
import java.util.Map;

/**
 * The checked settings of one push consumer, named as the official client names them. Exactly one
 * of the two listeners is set. Immutable, thread-safe.
 *
 * @param subscriptions tag expression by topic
 * @param pullThresholdSizeForQueueMiB held bytes per queue (in MiB) above which its pulls pause
 * @param maxReconsumeTimes -1 means the default: 16 (concurrent), {@link Integer#MAX_VALUE} (orderly)
 * @param consumeTimeoutMinutes how long a concurrent message may be in the listener before it is sent back
 */
record PushConsumerConfig(ClientSettings client, String consumerGroup, MessageModel messageModel,
        ConsumeFromWhere consumeFromWhere, long consumeTimestamp, AllocateStrategy allocateStrategy,
        Map<String, String> subscriptions, MessageListenerConcurrently concurrentListener,
        MessageListenerOrderly orderlyListener, int consumeThreadMin, int consumeThreadMax,
        int consumeMessageBatchMaxSize, int pullBatchSize, int pullBatchSizeInBytes, int pullThresholdForQueue,
        int pullThresholdSizeForQueueMiB, int consumeConcurrentlyMaxSpan, int maxReconsumeTimes,
        long consumeTimeoutMinutes, long suspendCurrentQueueTimeMillis, long brokerSuspendMaxTimeMillis,
        long consumerTimeoutMillisWhenSuspend, long persistConsumerOffsetIntervalMillis,
        long rebalanceIntervalMillis, long awaitTerminationMillisWhenShutdown) implements ConsumerSettings {
    /** Official: orderly queues are re-locked every 20 s, and a lock counts as held 30 s after its renewal. */
    static final long LOCK_INTERVAL_MILLIS = 20_000;
    static final long LOCK_MAX_LIVE_MILLIS = 30_000;

    PushConsumerConfig {
        subscriptions = Map.copyOf(subscriptions);
    }

    boolean orderly() {
        return orderlyListener != null;
    }

    boolean clustering() {
        return messageModel == MessageModel.CLUSTERING;
    }

    int effectiveMaxReconsumeTimes() {
        if (maxReconsumeTimes >= 0) {
            return maxReconsumeTimes;
        }
        return orderly() ? Integer.MAX_VALUE : 16;
    }

    long pullThresholdSizeForQueueBytes() {
        return pullThresholdSizeForQueueMiB * 1024L * 1024L;
    }

    PullSettings pullSettings() {
        return new PullSettings(pullBatchSize, pullBatchSizeInBytes, brokerSuspendMaxTimeMillis,
                consumerTimeoutMillisWhenSuspend, false);
    }
}
