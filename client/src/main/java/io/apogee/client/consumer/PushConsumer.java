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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer that delivers messages to a listener: {@link MessageListenerConcurrently} (batches on a
 * pool of consume threads) or {@link MessageListenerOrderly} (each queue in order, holding the broker's
 * queue lock). In CLUSTERING mode the group's members share the subscribed topics' queues, re-allocated
 * when a broker says the group changed and every {@code rebalanceInterval}; failed messages go back to
 * the brokers for retry; offsets live in the brokers. In BROADCASTING mode every member takes every
 * queue and keeps its offsets in a local file. Offsets are stored every
 * {@code persistConsumerOffsetInterval} and at {@link #close()}, which also leaves the group.
 *
 * <p>Built and started by {@link #builder()}. Thread-safe. Background work: a pull thread, a control
 * thread (rebalancing, offsets, locks, retries) and the consume pool.
 */
public final class PushConsumer implements AutoCloseable, ConsumerMember {
    private static final Logger LOG = LoggerFactory.getLogger(PushConsumer.class);

    private final PushConsumerConfig config;
    private final ClientRuntime runtime;
    private final ScheduledExecutorService pullExecutor;
    private final ScheduledExecutorService control;
    private final ThreadPoolExecutor consumePool;
    private final OffsetStore offsets;
    private final PullService pulls;
    private final Assignments assignments;
    private final Rebalancer rebalancer;
    private final QueueLocks locks;
    private final ConcurrentConsumeService concurrent;
    private final OrderlyConsumeService orderly;
    private final Map<String, SubscriptionData> subscriptions;
    private final ConcurrentMap<QueueState, ProcessQueue> processQueues = new ConcurrentHashMap<>();
    private final BiConsumer<String, TopicRouteData> routeListener;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    PushConsumer(PushConsumerConfig config) {
        this.config = config;
        var s = config.client();
        this.subscriptions = subscriptions(config);
        this.runtime = ClientRuntimes.acquire(s, ClientId.of(s.clientIp(), s.instanceName(), s.unitName()));
        String group = config.consumerGroup();
        this.pullExecutor = daemon("apogee-push-pull-" + group);
        this.control = daemon("apogee-push-control-" + group);
        AtomicInteger threads = new AtomicInteger();
        this.consumePool = new ThreadPoolExecutor(config.consumeThreadMin(), config.consumeThreadMax(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "apogee-consume-" + group + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ConsumerBrokerApi api = new ConsumerBrokerApi(runtime.remoting(), group, s.mqClientApiTimeoutMillis());
        long callTimeout = s.mqClientApiTimeoutMillis() * 2;
        try {
            this.offsets = config.clustering() ? new BrokerOffsetStore(api, runtime.routes(), callTimeout)
                    : new LocalOffsetStore(LocalOffsetStore.defaultFile(runtime.clientId(), group));
        } catch (RuntimeException e) {
            shutdownExecutors();
            ClientRuntimes.release(runtime);
            throw e;
        }
        SendBack sendBack = new BrokerSendBack(api, runtime.routes(), config.effectiveMaxReconsumeTimes(), callTimeout);
        this.concurrent = config.orderly() ? null
                : new ConcurrentConsumeService(config, sendBack, consumePool, control,
                        ConcurrentConsumeService.LOCAL_RETRY_DELAY_MILLIS);
        this.orderly = config.orderly() ? new OrderlyConsumeService(config, sendBack, consumePool, control) : null;
        this.locks = config.orderly() && config.clustering()
                ? new QueueLocks(api, runtime.routes(), runtime.clientId(), s.mqClientApiTimeoutMillis(),
                        this::processQueue)
                : null;
        this.pulls = new PullService(config.pullSettings(), api, runtime.routes(), this::subscriptionOf, pullExecutor,
                new Sink());
        this.assignments = new Assignments(config, api, runtime.routes(), offsets, pulls, control, new Lifecycle());
        this.rebalancer = new Rebalancer(config, !config.clustering(), runtime.clientId(), api, runtime.routes(),
                assignments);
        try {
            runtime.registerConsumer(this);
        } catch (RuntimeException e) {
            shutdownExecutors();
            ClientRuntimes.release(runtime);
            throw e;
        }
        this.routeListener = (topic, route) -> {
            if (!closed && subscriptions.containsKey(topic)) {
                requestRebalance();
            }
        };
        runtime.routes().addRouteListener(routeListener);
        repeat("rebalance", this::rebalanceQuietly, config.rebalanceIntervalMillis());
        repeat("offset store", assignments::commitChangedOneway, config.persistConsumerOffsetIntervalMillis());
        if (concurrent != null) {
            repeat("consume timeout", () -> concurrent.sendBackExpired(assignments.states(), this::processQueue),
                    TimeUnit.MINUTES.toMillis(config.consumeTimeoutMinutes()));
        }
        if (locks != null) {
            repeat("lock renewal", () -> locks.renew(assignments.states()), PushConsumerConfig.LOCK_INTERVAL_MILLIS);
        }
        // Tell the brokers first, so that the member list the first rebalance reads includes us.
        CompletableFuture.allOf(subscriptions.keySet().stream()
                        .map(topic -> runtime.routes().refresh(topic, false).handle((route, failure) -> null))
                        .toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> runtime.heartbeatNow())
                .whenComplete((ignored, failure) -> requestRebalance());
        LOG.info("push consumer of group {} started ({}, {}, client {})", group, config.messageModel(),
                config.orderly() ? "orderly" : "concurrently", runtime.clientId());
    }

    public static PushConsumerBuilder builder() {
        return new PushConsumerBuilder();
    }

    public String clientId() {
        return runtime.clientId();
    }

    /** The queues this consumer holds now (retry queues included). */
    public Set<MessageQueue> assignment() {
        return assignments.queues();
    }

    /** The offset each held queue would commit now: the lowest not yet consumed (-1 while unknown). */
    public Map<MessageQueue, Long> consumedOffsets() {
        return assignments.consumedOffsets();
    }

    /** Where a broadcasting consumer keeps its offsets; null in clustering mode. */
    public Path localOffsetFile() {
        return offsets instanceof LocalOffsetStore local ? local.file() : null;
    }

    /** For tests that need to cut this consumer's connections as a crash would. */
    ClientRuntime runtime() {
        return runtime;
    }

    @Override
    public String group() {
        return config.consumerGroup();
    }

    @Override
    public ConsumerData consumerData() {
        return new ConsumerData(config.consumerGroup(), "CONSUME_PASSIVELY", config.messageModel().name(),
                config.consumeFromWhere().name(), new HashSet<>(subscriptions.values()), false);
    }

    @Override
    public Set<String> subscribedTopics() {
        return Set.copyOf(subscriptions.keySet());
    }

    @Override
    public void onConsumerIdsChanged() {
        requestRebalance();
    }

    /**
     * Stops pulling, lets batches in the listener finish for up to
     * {@code awaitTerminationMillisWhenShutdown}, stores the offsets, releases orderly locks, leaves the
     * group ({@code UNREGISTER_CLIENT}) and releases the client runtime. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pulls.close();
        control.shutdownNow();
        pullExecutor.shutdownNow();
        consumePool.shutdown();
        try {
            if (!consumePool.awaitTermination(config.awaitTerminationMillisWhenShutdown(), TimeUnit.MILLISECONDS)) {
                LOG.warn("group {}: batches still in the listener after {} ms are abandoned (they will be delivered "
                        + "again)", config.consumerGroup(), config.awaitTerminationMillisWhenShutdown());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumePool.shutdownNow();
        try {
            assignments.commitSync();
        } catch (RuntimeException e) {
            LOG.warn("final offset commit of group {} failed: {}", config.consumerGroup(), e.toString());
        }
        offsets.flush();
        if (locks != null) {
            locks.unlockAll(assignments.states());
        }
        assignments.dropAll();
        runtime.routes().removeRouteListener(routeListener);
        try {
            runtime.unregisterConsumer(config.consumerGroup());
        } finally {
            ClientRuntimes.release(runtime);
        }
        LOG.info("push consumer of group {} closed", config.consumerGroup());
    }

    private static Map<String, SubscriptionData> subscriptions(PushConsumerConfig config) {
        long version = System.currentTimeMillis();
        Map<String, SubscriptionData> out = new ConcurrentHashMap<>();
        config.subscriptions().forEach((topic, expression) -> {
            try {
                out.put(topic, SubscriptionData.ofTags(topic, expression, version));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad tag expression for topic " + topic + ": " + expression, e);
            }
        });
        if (config.clustering()) {
            String retry = PushMessages.retryTopic(config.consumerGroup());
            out.put(retry, SubscriptionData.ofTags(retry, SubscriptionData.SUB_ALL, version));
        }
        return Map.copyOf(out);
    }

    private SubscriptionData subscriptionOf(String topic) {
        SubscriptionData data = subscriptions.get(topic);
        return data != null ? data : SubscriptionData.ofTags(topic, SubscriptionData.SUB_ALL, 0);
    }

    private ProcessQueue processQueue(QueueState state) {
        ProcessQueue process = processQueues.computeIfAbsent(state, s -> new ProcessQueue());
        if (state.dropped()) {
            // A pull or lock racing the drop: do not keep a process queue the drop has already cleaned up.
            processQueues.remove(state, process);
            process.drop();
        }
        return process;
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
        if (!closed) {
            rebalancer.rebalance(subscriptions.keySet());
        }
    }

    /** Runs {@code task} every {@code periodMillis} on the control thread; a failed run is logged, later ones go on. */
    private void repeat(String name, Runnable task, long periodMillis) {
        control.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} of group {} failed", name, config.consumerGroup(), e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void shutdownExecutors() {
        pullExecutor.shutdownNow();
        control.shutdownNow();
        consumePool.shutdownNow();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Pulled messages into process queues and on to the listener; flow control and orderly locks. */
    private final class Sink implements PullService.Sink {
        private final PushFlowControl flowControl = new PushFlowControl(config);

        @Override
        public boolean mayPull(QueueState state) {
            return flowControl.mayPull(processQueue(state), System.currentTimeMillis());
        }

        @Override
        public void accept(QueueState state, int epoch, PullResult result) {
            ProcessQueue process = processQueue(state);
            List<ReceivedMessage> messages = new ArrayList<>(result.messages().size());
            for (ReceivedMessage message : result.messages()) {
                messages.add(PushMessages.restoreRetryTopic(message, config.consumerGroup()));
            }
            if (!process.add(messages, result.nextBeginOffset())) {
                return;
            }
            if (messages.isEmpty()) {
                // Everything was filtered out: nothing to consume, but the offset may move past it.
                state.consumedUpTo(epoch, process.commitOffset());
            } else if (orderly != null) {
                orderly.dispatch(state, epoch, process);
            } else {
                concurrent.submit(state, epoch, process, messages);
            }
        }
    }

    /** Orderly locks around a queue's life; every consumer drops a queue's process queue with it. */
    private final class Lifecycle implements QueueLifecycle {
        @Override
        public void beforeStart(QueueState state) throws Exception {
            if (locks != null) {
                locks.beforeStart(state);
            }
        }

        @Override
        public void afterDrop(QueueState state) {
            if (locks != null) {
                locks.afterDrop(state);
            }
            ProcessQueue process = processQueues.remove(state);
            if (process != null) {
                process.drop();
            }
        }
    }
}
