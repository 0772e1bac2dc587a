package io.apogee.client.consumer;

import io.apogee.client.runtime.ClientSettings;

/**
 * The checked settings of one lite pull consumer. Immutable, thread-safe.
 *
 * @param pullBatchSize messages asked for per pull ({@code maxMsgNums})
 * @param pullThresholdForQueue cached messages per queue above which its pulls pause (flow control)
 * @param pullThresholdForAll cached messages of the whole consumer above which all pulls pause
 * @param brokerSuspendMaxTimeMillis how long the broker may hold a pull (long polling)
 * @param consumerPullTimeoutMillis the client's time-out of a pull, beyond the broker's hold
 * @param consumeTimestamp for {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}, ms since the epoch
 */
record LitePullConsumerConfig(ClientSettings client, String consumerGroup, ConsumeFromWhere consumeFromWhere,
        long consumeTimestamp, AllocateStrategy allocateStrategy, int pullBatchSize, int pullThresholdForQueue,
        int pullThresholdForAll, long brokerSuspendMaxTimeMillis, long consumerPullTimeoutMillis,
        boolean autoCommit, long autoCommitIntervalMillis, long rebalanceIntervalMillis) implements ConsumerSettings {

    /** The client's pull time-out: the broker's hold plus this margin (an official broker answers up to 5 s late). */
    long pullCallTimeoutMillis() {
        return brokerSuspendMaxTimeMillis + consumerPullTimeoutMillis;
    }

    PullSettings pullSettings() {
        return new PullSettings(pullBatchSize, ConsumerRequests.LITE_MAX_MSG_BYTES, brokerSuspendMaxTimeMillis,
                pullCallTimeoutMillis(), true);
    }
}
