package io.apogee.client.consumer;

import static io.apogee.client.consumer.ConsumerChecks.check;

import io.apogee.client.runtime.ClientBuilderBase;
import io.apogee.client.runtime.ClientSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a {@link PushConsumer}, with the official client's names and defaults (the connection
 * settings, TLS and credentials are those of every client); {@link #build()} checks them and starts the
 * consumer. Not thread-safe.
 */
public final class PushConsumerBuilder extends ClientBuilderBase<PushConsumerBuilder> {
    private String consumerGroup;
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private long consumeTimestamp = System.currentTimeMillis() - 30 * 60 * 1000L;
    private AllocateStrategy allocateStrategy = AllocateStrategy.averagely();
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private MessageListenerConcurrently concurrentListener;
    private MessageListenerOrderly orderlyListener;
    private int consumeThreadMin = 20;
    private int consumeThreadMax = 20;
    private int consumeMessageBatchMaxSize = 1;
    private int pullBatchSize = 32;
    private int pullBatchSizeInBytes = 256 * 1024;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdSizeForQueue = 100;
    private int consumeConcurrentlyMaxSpan = 2000;
    private int maxReconsumeTimes = -1;
    private long consumeTimeout = 15;
    private long suspendCurrentQueueTimeMillis = 1000;
    private long brokerSuspendMaxTimeMillis = 15_000;
    private long consumerTimeoutMillisWhenSuspend = 30_000;
    private long persistConsumerOffsetInterval = 5000;
    private long rebalanceIntervalMillis = 20_000;
    private long awaitTerminationMillisWhenShutdown = 5000;

    PushConsumerBuilder() {
    }

    public PushConsumerBuilder consumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
        return this;
    }

    /** Subscribes to {@code topic} with a TAG expression: {@code *} or {@code TagA || TagB}. Repeatable. */
    public PushConsumerBuilder subscribe(String topic, String tagExpression) {
        ConsumerChecks.checkTopic(topic);
        if (tagExpression == null || tagExpression.isBlank()) {
            throw new IllegalArgumentException("the tag expression of topic " + topic + " is empty; use \"*\" for all");
        }
        subscriptions.put(topic, tagExpression.trim());
        return this;
    }

    /** CLUSTERING (default): the group shares the queues; BROADCASTING: every member gets every message. */
    public PushConsumerBuilder messageModel(MessageModel model) {
        this.messageModel = model;
        return this;
    }

    /** The listener, for concurrent consumption. Exactly one listener must be set. */
    public PushConsumerBuilder messageListenerConcurrently(MessageListenerConcurrently listener) {
        this.concurrentListener = listener;
        return this;
    }

    /** The listener, for orderly consumption (queue by queue, in order). Exactly one listener must be set. */
    public PushConsumerBuilder messageListenerOrderly(MessageListenerOrderly listener) {
        this.orderlyListener = listener;
        return this;
    }

    /** Where to start on a queue the group has no offset for; default {@code CONSUME_FROM_LAST_OFFSET}. */
    public PushConsumerBuilder consumeFromWhere(ConsumeFromWhere where) {
        this.consumeFromWhere = where;
        return this;
    }

    /** For {@code CONSUME_FROM_TIMESTAMP}: ms since the epoch; default 30 minutes ago. */
    public PushConsumerBuilder consumeTimestamp(long millis) {
        this.consumeTimestamp = millis;
        return this;
    }

    /** Clustering allocation; default {@link AllocateStrategy#averagely()}. */
    public PushConsumerBuilder allocateStrategy(AllocateStrategy strategy) {
        this.allocateStrategy = strategy;
        return this;
    }

    /** Consume threads; default 20 and 20 (the pool grows past min only when its queue is full: it is not). */
    public PushConsumerBuilder consumeThreadMin(int threads) {
        this.consumeThreadMin = threads;
        return this;
    }

    public PushConsumerBuilder consumeThreadMax(int threads) {
        this.consumeThreadMax = threads;
        return this;
    }

    /** Messages per listener call; default 1. */
    public PushConsumerBuilder consumeMessageBatchMaxSize(int messages) {
        this.consumeMessageBatchMaxSize = messages;
        return this;
    }

    /** Messages per pull; default 32. */
    public PushConsumerBuilder pullBatchSize(int messages) {
        this.pullBatchSize = messages;
        return this;
    }

    /** The byte limit a pull asks for; default 262 144 (advisory: brokers cap by their own limits). */
    public PushConsumerBuilder pullBatchSizeInBytes(int bytes) {
        this.pullBatchSizeInBytes = bytes;
        return this;
    }

    /** Held messages per queue above which its pulls pause; default 1000. */
    public PushConsumerBuilder pullThresholdForQueue(int messages) {
        this.pullThresholdForQueue = messages;
        return this;
    }

    /** Held body bytes per queue, in MiB, above which its pulls pause; default 100. */
    public PushConsumerBuilder pullThresholdSizeForQueue(int mebibytes) {
        this.pullThresholdSizeForQueue = mebibytes;
        return this;
    }

    /** Concurrent: pulls of a queue pause while its held offsets spread over more than this; default 2000. */
    public PushConsumerBuilder consumeConcurrentlyMaxSpan(int span) {
        this.consumeConcurrentlyMaxSpan = span;
        return this;
    }

    /** Deliveries before the dead-letter topic; -1 (default) = 16 concurrent, unlimited orderly. */
    public PushConsumerBuilder maxReconsumeTimes(int times) {
        this.maxReconsumeTimes = times;
        return this;
    }

    /** Concurrent: minutes a message may stay in the listener before it is sent back; default 15. */
    public PushConsumerBuilder consumeTimeout(long minutes) {
        this.consumeTimeout = minutes;
        return this;
    }

    /** Orderly: the pause of a queue after SUSPEND_CURRENT_QUEUE_A_MOMENT; default 1000 ms. */
    public PushConsumerBuilder suspendCurrentQueueTimeMillis(long millis) {
        this.suspendCurrentQueueTimeMillis = millis;
        return this;
    }

    /** How long a broker may hold a pull (long polling); default 15 000 ms. */
    public PushConsumerBuilder brokerSuspendMaxTimeMillis(long millis) {
        this.brokerSuspendMaxTimeMillis = millis;
        return this;
    }

    /** The client's time-out of a held pull; default 30 000 ms; must exceed brokerSuspendMaxTimeMillis. */
    public PushConsumerBuilder consumerTimeoutMillisWhenSuspend(long millis) {
        this.consumerTimeoutMillisWhenSuspend = millis;
        return this;
    }

    /** How often offsets are stored (broker or local file); default 5000 ms. */
    public PushConsumerBuilder persistConsumerOffsetInterval(long millis) {
        this.persistConsumerOffsetInterval = millis;
        return this;
    }

    /** The timer of group rebalances (besides the broker's notices); default 20 000 ms. */
    public PushConsumerBuilder rebalanceInterval(long millis) {
        this.rebalanceIntervalMillis = millis;
        return this;
    }

    /** How long {@code close()} lets batches in the listener finish; default 5000 ms (official: 0). */
    public PushConsumerBuilder awaitTerminationMillisWhenShutdown(long millis) {
        this.awaitTerminationMillisWhenShutdown = millis;
        return this;
    }

    /**
     * Checks the settings and starts the consumer.
     *
     * @throws IllegalArgumentException naming the first bad setting
     * @throws IllegalStateException when this client id already has a consumer of the group
     */
    public PushConsumer build() {
        return new PushConsumer(config());
    }

    PushConsumerConfig config() {
        ConsumerChecks.checkGroup(consumerGroup);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("no subscription; call subscribe(topic, tagExpression)");
        }
        if ((concurrentListener == null) == (orderlyListener == null)) {
            throw new IllegalArgumentException(
                    "set exactly one of messageListenerConcurrently and messageListenerOrderly");
        }
        if (messageModel == null || consumeFromWhere == null || allocateStrategy == null) {
            throw new IllegalArgumentException("messageModel, consumeFromWhere and allocateStrategy must not be null");
        }
        check("consumeThreadMin", consumeThreadMin, 1, 1000);
        check("consumeThreadMax", consumeThreadMax, 1, 1000);
        if (consumeThreadMin > consumeThreadMax) {
            throw new IllegalArgumentException("consumeThreadMin (" + consumeThreadMin + ") is above consumeThreadMax ("
                    + consumeThreadMax + ")");
        }
        check("consumeMessageBatchMaxSize", consumeMessageBatchMaxSize, 1, 1024);
        check("pullBatchSize", pullBatchSize, 1, 1024);
        check("pullBatchSizeInBytes", pullBatchSizeInBytes, 1, 1024 * 1024 * 1024);
        check("pullThresholdForQueue", pullThresholdForQueue, 1, 65_535);
        check("pullThresholdSizeForQueue", pullThresholdSizeForQueue, 1, 1024);
        check("consumeConcurrentlyMaxSpan", consumeConcurrentlyMaxSpan, 1, 65_535);
        check("maxReconsumeTimes", maxReconsumeTimes, -1, Integer.MAX_VALUE);
        check("consumeTimeout", consumeTimeout, 1, 24 * 60);
        check("suspendCurrentQueueTimeMillis", suspendCurrentQueueTimeMillis, 10, 30_000);
        check("brokerSuspendMaxTimeMillis", brokerSuspendMaxTimeMillis, 1, 60_000);
        check("consumerTimeoutMillisWhenSuspend", consumerTimeoutMillisWhenSuspend, brokerSuspendMaxTimeMillis + 1,
                Long.MAX_VALUE / 4);
        check("persistConsumerOffsetInterval", persistConsumerOffsetInterval, 1, Long.MAX_VALUE / 4);
        check("rebalanceInterval", rebalanceIntervalMillis, 1, Long.MAX_VALUE / 4);
        check("awaitTerminationMillisWhenShutdown", awaitTerminationMillisWhenShutdown, 0, 3_600_000);
        // Broadcasting keeps the configured name, as the official client does: the client id names the
        // directory of the local offsets, which must be found again after a restart.
        ClientSettings client = clientSettings(messageModel == MessageModel.CLUSTERING);
        return new PushConsumerConfig(client, consumerGroup, messageModel, consumeFromWhere, consumeTimestamp,
                allocateStrategy, subscriptions, concurrentListener, orderlyListener, consumeThreadMin,
                consumeThreadMax, consumeMessageBatchMaxSize, pullBatchSize, pullBatchSizeInBytes,
                pullThresholdForQueue, pullThresholdSizeForQueue, consumeConcurrentlyMaxSpan, maxReconsumeTimes,
                consumeTimeout, suspendCurrentQueueTimeMillis, brokerSuspendMaxTimeMillis,
                consumerTimeoutMillisWhenSuspend, persistConsumerOffsetInterval, rebalanceIntervalMillis,
                awaitTerminationMillisWhenShutdown);
    }

}
