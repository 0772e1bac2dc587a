package io.apogee.client.consumer;

import static io.apogee.client.consumer.ConsumerChecks.check;

import io.apogee.client.runtime.ClientBuilderBase;
import io.apogee.client.runtime.ClientSettings;

/**
 * Settings of a {@link LitePullConsumer}, with the official client's names and defaults (the connection
 * settings, TLS and credentials are those of every client); {@link #build()} checks them and starts the
 * consumer. Not thread-safe.
 */
public final class LitePullConsumerBuilder extends ClientBuilderBase<LitePullConsumerBuilder> {
    private String consumerGroup;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private long consumeTimestamp = System.currentTimeMillis() - 30 * 60 * 1000L;
    private AllocateStrategy allocateStrategy = AllocateStrategy.averagely();
    private int pullBatchSize = 10;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdForAll = 10_000;
    private long brokerSuspendMaxTimeMillis = 20_000;
    private long consumerPullTimeoutMillis = 10_000;
    private boolean autoCommit = true;
    private long autoCommitIntervalMillis = 5_000;
    private long rebalanceIntervalMillis = 20_000;

    LitePullConsumerBuilder() {
    }

    public LitePullConsumerBuilder consumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
        return this;
    }

    /** Where to start on a queue the group has no offset for; default {@code CONSUME_FROM_LAST_OFFSET}. */
    public LitePullConsumerBuilder consumeFromWhere(ConsumeFromWhere where) {
        this.consumeFromWhere = where;
        return this;
    }

    /** For {@code CONSUME_FROM_TIMESTAMP}: ms since the epoch; default 30 minutes ago. */
    public LitePullConsumerBuilder consumeTimestamp(long millis) {
        this.consumeTimestamp = millis;
        return this;
    }

    public LitePullConsumerBuilder allocateStrategy(AllocateStrategy strategy) {
        this.allocateStrategy = strategy;
        return this;
    }

    /** Messages per pull and at most per poll; default 10. */
    public LitePullConsumerBuilder pullBatchSize(int messages) {
        this.pullBatchSize = messages;
        return this;
    }

    /** Cached messages per queue above which its pulls pause; default 1000. */
    public LitePullConsumerBuilder pullThresholdForQueue(int messages) {
        this.pullThresholdForQueue = messages;
        return this;
    }

    /** Cached messages of the whole consumer above which all pulls pause; default 10 000. */
    public LitePullConsumerBuilder pullThresholdForAll(int messages) {
        this.pullThresholdForAll = messages;
        return this;
    }

    /** How long a broker may hold a pull; default 20 000 ms. */
    public LitePullConsumerBuilder brokerSuspendMaxTimeMillis(long millis) {
        this.brokerSuspendMaxTimeMillis = millis;
        return this;
    }

    /** The pull's client time-out beyond the broker's hold; default 10 000 ms. */
    public LitePullConsumerBuilder consumerPullTimeoutMillis(long millis) {
        this.consumerPullTimeoutMillis = millis;
        return this;
    }

    /** Commit every {@code autoCommitInterval} and at close; default on. */
    public LitePullConsumerBuilder autoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
        return this;
    }

    public LitePullConsumerBuilder autoCommitInterval(long millis) {
        this.autoCommitIntervalMillis = millis;
        return this;
    }

    /** The timer of group rebalances (besides the broker's notices); default 20 000 ms. */
    public LitePullConsumerBuilder rebalanceInterval(long millis) {
        this.rebalanceIntervalMillis = millis;
        return this;
    }

    /**
     * Checks the settings and starts the consumer.
     *
     * @throws IllegalArgumentException naming the first bad setting
     * @throws IllegalStateException when this client id already has a consumer of the group
     */
    public LitePullConsumer build() {
        return new LitePullConsumer(config());
    }

    LitePullConsumerConfig config() {
        ConsumerChecks.checkGroup(consumerGroup);
        if (consumeFromWhere == null || allocateStrategy == null) {
            throw new IllegalArgumentException("consumeFromWhere and allocateStrategy must not be null");
        }
        check("pullBatchSize", pullBatchSize, 1, 1024);
        check("pullThresholdForQueue", pullThresholdForQueue, 1, 65_535);
        check("pullThresholdForAll", pullThresholdForAll, 1, Integer.MAX_VALUE);
        check("brokerSuspendMaxTimeMillis", brokerSuspendMaxTimeMillis, 1, 60_000);
        check("consumerPullTimeoutMillis", consumerPullTimeoutMillis, 1, Long.MAX_VALUE / 4);
        check("autoCommitInterval", autoCommitIntervalMillis, 1, Long.MAX_VALUE / 4);
        check("rebalanceInterval", rebalanceIntervalMillis, 1, Long.MAX_VALUE / 4);
        ClientSettings client = clientSettings();
        return new LitePullConsumerConfig(client, consumerGroup, consumeFromWhere, consumeTimestamp,
                allocateStrategy, pullBatchSize, pullThresholdForQueue, pullThresholdForAll,
                brokerSuspendMaxTimeMillis, consumerPullTimeoutMillis, autoCommit, autoCommitIntervalMillis,
                rebalanceIntervalMillis);
    }

}
