package io.apogee.client.consumer;

import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.SubscriptionData;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background pulls of every assigned queue, for both consumers. Each queue has one chain of pulls per
 * epoch: a pull is sent as soon as the previous one is handled, unless the {@link Sink} says the
 * queue must wait (flow control, an orderly queue not locked), in which case it asks again after
 * {@value #FLOW_CONTROL_DELAY_MILLIS} ms. Answers are decoded and handed to the sink on the
 * consumer's pull executor, never on a Netty thread; failures are retried after
 * {@value #ERROR_DELAY_MILLIS} ms. Thread-safe.
 */
final class PullService {
    static final long FLOW_CONTROL_DELAY_MILLIS = 50;
    static final long ERROR_DELAY_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PullService.class);

    /** Where pulled messages go: the lite consumer's poll buffer, the push consumer's process queues. */
    interface Sink {
        /** False holds the queue's next pull back (flow control); asked before every pull. */
        boolean mayPull(QueueState state);

        /**
         * A pull of a current epoch found entries ({@code FOUND}, or {@code NO_MATCHED_MSG} with no
         * messages); its result is already recorded as the queue's pull position.
         */
        void accept(QueueState state, int epoch, PullResult result);

        /** {@code count} cached messages of a dropped or re-positioned queue are to be forgotten. */
        default void uncache(int count) {
        }
    }

    private final PullSettings settings;
    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final Function<String, SubscriptionData> subscriptions;
    private final ScheduledExecutorService executor;
    private final Sink sink;
    private volatile boolean closed;

    PullService(PullSettings settings, ConsumerBrokerApi api, RouteService routes,
            Function<String, SubscriptionData> subscriptions, ScheduledExecutorService executor, Sink sink) {
        this.settings = settings;
        this.api = api;
        this.routes = routes;
        this.subscriptions = subscriptions;
        this.executor = executor;
        this.sink = sink;
    }

    /** Starts the pull chain of {@code state} in {@code epoch}. */
    void start(QueueState state, int epoch) {
        submit(() -> pull(state, epoch), 0);
    }

    /** Forgets {@code count} cached messages of a dropped or re-positioned queue. */
    void uncache(int count) {
        sink.uncache(count);
    }

    private void pull(QueueState state, int epoch) {
        if (closed || !state.current(epoch)) {
            return;
        }
        if (!sink.mayPull(state)) {
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
        api.pull(addr, queue, offset, settings, subscription, executor).whenCompleteAsync((result, failure) -> {
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
            current = state.pulled(epoch, result.nextBeginOffset());
            if (current && result.status() != PullResult.Status.NO_NEW_MSG) {
                sink.accept(state, epoch, result);
            }
        }
        if (current) {
            pull(state, epoch);
        }
    }

    void close() {
        closed = true;
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
