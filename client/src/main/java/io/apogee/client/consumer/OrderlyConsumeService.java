package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orderly consumption: each queue has at most one drain task on the consume pool, which hands the
 * listener the queue's messages batch after batch in offset order, under the queue's consume lock and
 * (clustering) only while this client holds the broker's lock of the queue. SUCCESS commits the batch;
 * SUSPEND_CURRENT_QUEUE_A_MOMENT (or a throw) puts it back and pauses the queue, unless a message of
 * it was already reconsumed {@code maxReconsumeTimes} times: then the batch goes to the dead-letter
 * topic and the queue moves on. A drain task yields its thread after {@value #MAX_DRAIN_MILLIS} ms.
 * Thread-safe.
 */
final class OrderlyConsumeService {
    static final long MAX_DRAIN_MILLIS = 60_000;
    /** How soon a drain that found its queue unlocked looks again. */
    static final long UNLOCKED_RETRY_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(OrderlyConsumeService.class);

    private final PushConsumerConfig config;
    private final MessageListenerOrderly listener;
    private final SendBack sendBack;
    private final ExecutorService consumePool;
    private final ScheduledExecutorService timer;
    private final int maxReconsumeTimes;

    OrderlyConsumeService(PushConsumerConfig config, SendBack sendBack, ExecutorService consumePool,
            ScheduledExecutorService timer) {
        this.config = config;
        this.listener = config.orderlyListener();
        this.sendBack = sendBack;
        this.consumePool = consumePool;
        this.timer = timer;
        this.maxReconsumeTimes = config.effectiveMaxReconsumeTimes();
    }

    /** New messages are in {@code process}: starts its drain task unless one runs. */
    void dispatch(QueueState state, int epoch, ProcessQueue process) {
        if (process.scheduleOrderly()) {
            execute(() -> drain(state, epoch, process));
        }
    }

    private void drain(QueueState state, int epoch, ProcessQueue process) {
        long started = System.nanoTime();
        while (true) {
            if (process.dropped()) {
                return;
            }
            if (config.clustering() && !process.lockValid(System.currentTimeMillis(),
                    PushConsumerConfig.LOCK_MAX_LIVE_MILLIS)) {
                later(state, epoch, process, UNLOCKED_RETRY_MILLIS);
                return;
            }
            if (System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(MAX_DRAIN_MILLIS)) {
                later(state, epoch, process, 0);
                return;
            }
            long pause;
            process.consumeLock().lock();
            try {
                if (process.dropped()) {
                    return;
                }
                List<ProcessQueue.Taken> taken = process.take(config.consumeMessageBatchMaxSize());
                if (taken.isEmpty()) {
                    return;
                }
                pause = consumeBatch(state, epoch, process, taken);
            } finally {
                process.consumeLock().unlock();
            }
            if (pause > 0) {
                later(state, epoch, process, pause);
                return;
            }
        }
    }

    /** Runs the listener on one batch; returns how long the queue must pause (0: go on). */
    private long consumeBatch(QueueState state, int epoch, ProcessQueue process, List<ProcessQueue.Taken> taken) {
        List<ReceivedMessage> batch = new ArrayList<>(taken.size());
        boolean exhausted = false;
        for (ProcessQueue.Taken t : taken) {
            int times = t.message().reconsumeTimes() + t.localRetries();
            batch.add(PushMessages.withReconsumeTimes(t.message(), times));
            exhausted |= times >= maxReconsumeTimes;
        }
        ConsumeOrderlyContext context = new ConsumeOrderlyContext(state.queue(),
                config.suspendCurrentQueueTimeMillis());
        ConsumeOrderlyStatus status;
        try {
            status = listener.consumeMessage(List.copyOf(batch), context);
            if (status == null) {
                status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("the orderly listener of group {} threw on {} at offset {}; suspending the queue",
                    config.consumerGroup(), state.queue(), batch.get(0).queueOffset(), e);
            status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }
        if (status == ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT && exhausted && toDeadLetters(state, batch)) {
            status = ConsumeOrderlyStatus.SUCCESS;
        }
        if (status == ConsumeOrderlyStatus.SUCCESS) {
            state.consumedUpTo(epoch, process.commitTaken());
            return 0;
        }
        process.putBack();
        return context.suspendCurrentQueueTimeMillis();
    }

    /** Sends every message of the batch to the dead-letter topic; false if any could not be. */
    private boolean toDeadLetters(QueueState state, List<ReceivedMessage> batch) {
        if (!config.clustering()) {
            LOG.warn("broadcasting group {} gives up {} message(s) of {} after {} reconsumes", config.consumerGroup(),
                    batch.size(), state.queue(), maxReconsumeTimes);
            return true;
        }
        for (ReceivedMessage message : batch) {
            if (!sendBack.sendBack(state.queue(), message, -1)) {
                return false;
            }
        }
        LOG.warn("group {} sent {} message(s) of {} to its dead-letter topic after {} reconsumes",
                config.consumerGroup(), batch.size(), state.queue(), maxReconsumeTimes);
        return true;
    }

    /** Resumes the drain after {@code delayMillis}; the queue keeps its task, so new pulls cannot cut the pause. */
    private void later(QueueState state, int epoch, ProcessQueue process, long delayMillis) {
        try {
            timer.schedule(() -> execute(() -> drain(state, epoch, process)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void execute(Runnable task) {
        try {
            consumePool.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
