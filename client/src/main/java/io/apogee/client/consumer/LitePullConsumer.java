package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import io.apogee.client.runtime.ClientId;
import io.apogee.client.runtime.ClientRuntime;
import io.apogee.client.runtime.ClientRuntimes;
import io.apogee.client.runtime.ConsumerMember;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer the application pulls from: {@link #subscribe} (the group's members share the topic's
 * queues, re-allocated when the broker says the group changed and every {@code rebalanceInterval}) or
 * {@link #assign} (exactly the given queues), then {@link #poll}. Messages are pulled in the background
 * into a bounded per-queue cache; offsets go to the brokers with {@link #commit()} and, by default,
 * every 5 s. Built and started by {@link #builder()}; {@link #close()} commits (with auto-commit) and
 * leaves the group.
 *
 * <p>Thread-safe. Background work runs on two daemon threads of the consumer: a pull thread (sending
 * pulls, decoding answers) and a control thread (rebalancing, start offsets, auto-commit).
 */
public final class LitePullConsumer implements AutoCloseable, ConsumerMember {
    private static final Logger LOG = LoggerFactory.getLogger(LitePullConsumer.class);

    private enum Mode { NONE, SUBSCRIBE, ASSIGN }

    private final LitePullConsumerConfig config;
    private final ClientRuntime runtime;
    private final ScheduledExecutorService pullExecutor;
    private final ScheduledExecutorService control;
    private final PullService pulls;
    private final PollBuffer buffer;
    private final Assignments assignments;
    private final Rebalancer rebalancer;
    private final ConcurrentMap<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final BiConsumer<String, TopicRouteData> routeListener;
    private final Object modeLock = new Object();
    private Mode mode = Mode.NONE;
    private volatile boolean closed;

    LitePullConsumer(LitePullConsumerConfig config) {
        this.config = config;
        var s = config.client();
        this.runtime = ClientRuntimes.acquire(s, ClientId.of(s.clientIp(), s.instanceName(), s.unitName()));
        this.pullExecutor = daemon("apogee-litepull-" + config.consumerGroup());
        this.control = daemon("apogee-litepull-control-" + config.consumerGroup());
        ConsumerBrokerApi api = new ConsumerBrokerApi(runtime.remoting(), config.consumerGroup(),
                s.mqClientApiTimeoutMillis());
        this.buffer = new PollBuffer(config.pullThresholdForQueue(), config.pullThresholdForAll());
        this.pulls = new PullService(config.pullSettings(), api, runtime.routes(), this::subscriptionOf, pullExecutor,
                buffer);
        OffsetStore offsets = new BrokerOffsetStore(api, runtime.routes(), s.mqClientApiTimeoutMillis() * 2);
        this.assignments = new Assignments(config, api, runtime.routes(), offsets, pulls, control,
                QueueLifecycle.NONE);
        this.rebalancer = new Rebalancer(config, false, runtime.clientId(), api, runtime.routes(), assignments);
        try {
            runtime.registerConsumer(this);
        } catch (RuntimeException e) {
            shutdownExecutors();
            ClientRuntimes.release(runtime);
            throw e;
        }
        this.routeListener = (topic, route) -> {
            if (!closed && subscriptions.containsKey(topic) && mode() == Mode.SUBSCRIBE) {
                requestRebalance();
            }
        };
        runtime.routes().addRouteListener(routeListener);
        control.scheduleWithFixedDelay(this::rebalanceQuietly, config.rebalanceIntervalMillis(),
                config.rebalanceIntervalMillis(), TimeUnit.MILLISECONDS);
        if (config.autoCommit()) {
            control.scheduleWithFixedDelay(assignments::commitChangedOneway, config.autoCommitIntervalMillis(),
                    config.autoCommitIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public static LitePullConsumerBuilder builder() {
        return new LitePullConsumerBuilder();
    }

    /**
     * Subscribes to {@code topic} with a TAG expression ({@code *}, {@code TagA || TagB}); the group's
     * members share its queues. A second call for a topic replaces its expression.
     *
     * @throws IllegalStateException after {@link #assign}, or when closed
     */
    public void subscribe(String topic, String tagExpression) {
        checkOpen();
        ConsumerChecks.checkTopic(topic);
        synchronized (modeLock) {
            if (mode == Mode.ASSIGN) {
                throw new IllegalStateException("subscribe and assign are mutually exclusive");
            }
            mode = Mode.SUBSCRIBE;
            subscriptions.put(topic, SubscriptionData.ofTags(topic, tagExpression, System.currentTimeMillis()));
        }
        // Tell the brokers first, so that the member list this rebalance reads includes us.
        runtime.routes().refresh(topic, false).handle((route, failure) -> null)
                .thenCompose(ignored -> runtime.heartbeatNow())
                .whenComplete((ignored, failure) -> requestRebalance());
    }

    /**
     * Consumes exactly {@code queues} (replacing an earlier assignment), without a group rebalance.
     *
     * @throws IllegalStateException after {@link #subscribe}, or when closed
     */
    public void assign(Collection<MessageQueue> queues) {
        checkOpen();
        Set<MessageQueue> wanted = Set.copyOf(queues);
        synchronized (modeLock) {
            if (mode == Mode.SUBSCRIBE) {
                throw new IllegalStateException("subscribe and assign are mutually exclusive");
            }
            mode = Mode.ASSIGN;
            subscriptions.clear();
            for (MessageQueue queue : wanted) {
                subscriptions.putIfAbsent(queue.topic(), SubscriptionData.ofTags(queue.topic(),
                        SubscriptionData.SUB_ALL, System.currentTimeMillis()));
            }
        }
        assignments.update(queue -> true, wanted);
        runtime.heartbeatNow();
    }

    /**
     * Waits up to {@code timeout} for messages and returns the next batch (up to {@code pullBatchSize}
     * messages of one queue), or an empty list. The returned messages count as consumed: the next
     * commit stores the offset after them.
     */
    public List<ReceivedMessage> poll(Duration timeout) {
        checkOpen();
        try {
            return buffer.poll(Math.max(0, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The next poll returns {@code queue}'s messages from {@code offset}.
     *
     * @throws IllegalStateException when the queue is not (yet) assigned to this consumer
     * @throws IllegalArgumentException when the offset is outside the queue's range
     */
    public void seek(MessageQueue queue, long offset) {
        checkOpen();
        assignments.seek(queue, offset);
    }

    /** Stores the offsets after what {@link #poll} has returned, for every held queue; waits for the brokers. */
    public void commit() {
        checkOpen();
        assignments.commitSync();
    }

    /** The queues this consumer holds now. */
    public Set<MessageQueue> assignment() {
        return assignments.queues();
    }

    /** The next offset to consume of each held queue (-1 while its start is being looked up). */
    public Map<MessageQueue, Long> positions() {
        return assignments.consumedOffsets();
    }

    public String clientId() {
        return runtime.clientId();
    }

    @Override
    public String group() {
        return config.consumerGroup();
    }

    @Override
    public ConsumerData consumerData() {
        return new ConsumerData(config.consumerGroup(), "CONSUME_ACTIVELY", "CLUSTERING",
                config.consumeFromWhere().name(), new HashSet<>(subscriptions.values()), false);
    }

    @Override
    public Set<String> subscribedTopics() {
        return Set.copyOf(subscriptions.keySet());
    }

    @Override
    public void onConsumerIdsChanged() {
        if (mode() == Mode.SUBSCRIBE) {
            requestRebalance();
        }
    }

    /** Commits (with auto-commit), leaves the group and releases the client runtime. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (config.autoCommit()) {
            try {
                assignments.commitSync();
            } catch (RuntimeException e) {
                LOG.warn("final commit of group {} failed: {}", config.consumerGroup(), e.toString());
            }
        }
        closed = true;
        pulls.close();
        buffer.clear();
        assignments.dropAll();
        shutdownExecutors();
        runtime.routes().removeRouteListener(routeListener);
        try {
            runtime.unregisterConsumer(config.consumerGroup());
        } finally {
            ClientRuntimes.release(runtime);
        }
    }

    private SubscriptionData subscriptionOf(String topic) {
        SubscriptionData data = subscriptions.get(topic);
        return data != null ? data : SubscriptionData.ofTags(topic, SubscriptionData.SUB_ALL, 0);
    }

    private Mode mode() {
        synchronized (modeLock) {
            return mode;
        }
    }

    private void requestRebalance() {
        if (closed) {
            return;
        }
        try {
            control.execute(this::rebalanceQuietly);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void rebalanceQuietly() {
        if (!closed && mode() == Mode.SUBSCRIBE) {
            rebalancer.rebalance(Set.copyOf(subscriptions.keySet()));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the consumer of group " + config.consumerGroup() + " is closed");
        }
    }


    private void shutdownExecutors() {
        pullExecutor.shutdownNow();
        control.shutdownNow();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

}
