package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.SubscriptionData;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background pulls and the cache {@code poll} drains. Each assigned queue has one chain of pulls per
 * epoch: a pull is sent as soon as the previous one is handled, unless the queue (or the whole
 * consumer) has too many cached messages, in which case it waits {@value #FLOW_CONTROL_DELAY_MILLIS} ms.
 * Answers are decoded and handled on the consumer's pull executor, never on a Netty thread; failures
 * are retried after {@value #ERROR_DELAY_MILLIS} ms. Thread-safe.
 */
final class PullService {
    static final long FLOW_CONTROL_DELAY_MILLIS = 50;
    static final long ERROR_DELAY_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PullService.class);

    private final LitePullConsumerConfig config;
    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final Function<String, SubscriptionData> subscriptions;
    private final ScheduledExecutorService executor;
    private final BlockingQueue<Batch> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger totalCached = new AtomicInteger();
    private volatile boolean closed;

    PullService(LitePullConsumerConfig config, ConsumerBrokerApi api, RouteService routes,
            Function<String, SubscriptionData> subscriptions, ScheduledExecutorService executor) {
        this.config = config;
        this.api = api;
        this.routes = routes;
        this.subscriptions = subscriptions;
        this.executor = executor;
    }

    /** Starts the pull chain of {@code state} in {@code epoch}. */
    void start(QueueState state, int epoch) {
        submit(() -> pull(state, epoch), 0);
    }

    /** Forgets {@code count} cached messages of a dropped or re-positioned queue. */
    void uncache(int count) {
        totalCached.addAndGet(-count);
    }

    private void pull(QueueState state, int epoch) {
        if (closed || !state.current(epoch)) {
            return;
        }
        if (state.cached() >= config.pullThresholdForQueue() || totalCached.get() >= config.pullThresholdForAll()) {
            submit(() -> pull(state, epoch), FLOW_CONTROL_DELAY_MILLIS);
            return;
        }
        var queue = state.queue();
        String addr = routes.table().masterAddr(queue.brokerName());
        if (addr == null) {
            routes.refresh(queue.topic(), false);
            submit(() -> pull(state, epoch), ERROR_DELAY_MILLIS);
            return;
        }
        SubscriptionData subscription = subscriptions.apply(queue.topic());
        long offset = state.pullOffset();
        api.pull(addr, queue, offset, config.pullBatchSize(), subscription, config.brokerSuspendMaxTimeMillis(),
                config.pullCallTimeoutMillis(), executor).whenCompleteAsync((result, failure) -> {
                    if (failure != null) {
                        if (!closed && state.current(epoch)) {
                            LOG.warn("pull of {} at {} from {} failed: {}", queue, offset, addr, failure.toString());
                            submit(() -> pull(state, epoch), ERROR_DELAY_MILLIS);
                        }
                        return;
                    }
                    handle(state, epoch, result);
                }, executor);
    }

    private void handle(QueueState state, int epoch, PullResult result) {
        boolean current;
        if (result.status() == PullResult.Status.OFFSET_ILLEGAL) {
            LOG.warn("offset of {} is illegal (queue holds {}..{}); continuing at {}", state.queue(),
                    result.minOffset(), result.maxOffset(), result.nextBeginOffset());
            current = state.reset(epoch, result.nextBeginOffset());
        } else {
            List<ReceivedMessage> messages = result.messages();
            current = state.pulled(epoch, result.nextBeginOffset(), messages.size());
            if (current && result.status() != PullResult.Status.NO_NEW_MSG) {
                totalCached.addAndGet(messages.size());
                ready.add(new Batch(state, epoch, result.nextBeginOffset(), messages));
            }
        }
        if (current) {
            pull(state, epoch);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for messages; returns the next batch, or an empty list.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    List<ReceivedMessage> poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            Batch batch = ready.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (batch == null) {
                return List.of();
            }
            if (batch.state().consumed(batch.epoch(), batch.nextOffset(), batch.messages().size())) {
                totalCached.addAndGet(-batch.messages().size());
                if (!batch.messages().isEmpty()) {
                    return batch.messages();
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return List.of();
            }
        }
    }

    void close() {
        closed = true;
        ready.clear();
    }

    private void submit(Runnable task, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
