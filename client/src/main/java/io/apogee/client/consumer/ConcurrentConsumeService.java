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
 * Concurrent consumption: pulled messages go to the consume pool in batches of
 * {@code consumeMessageBatchMaxSize}; a batch the listener fails (RECONSUME_LATER or a throw) is sent
 * back to its broker for a later retry ({@code CONSUMER_SEND_MSG_BACK}); messages whose send-back
 * fails are consumed again here later (official: {@value #LOCAL_RETRY_DELAY_MILLIS} ms), their reconsume count one
 * higher. Broadcasting consumers do not retry (as the official client): a failed batch is logged and
 * dropped. A queue's offset moves to its lowest message still held. Thread-safe.
 */
final class ConcurrentConsumeService {
    static final long LOCAL_RETRY_DELAY_MILLIS = 5000;
    static final int EXPIRED_PER_QUEUE = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumeService.class);

    private final PushConsumerConfig config;
    private final MessageListenerConcurrently listener;
    private final SendBack sendBack;
    private final ExecutorService consumePool;
    private final ScheduledExecutorService timer;
    private final long localRetryDelayMillis;

    ConcurrentConsumeService(PushConsumerConfig config, SendBack sendBack, ExecutorService consumePool,
            ScheduledExecutorService timer, long localRetryDelayMillis) {
        this.localRetryDelayMillis = localRetryDelayMillis;
        this.config = config;
        this.listener = config.concurrentListener();
        this.sendBack = sendBack;
        this.consumePool = consumePool;
        this.timer = timer;
    }

    /** Hands {@code messages}, already added to {@code process}, to the consume pool. */
    void submit(QueueState state, int epoch, ProcessQueue process, List<ReceivedMessage> messages) {
        int size = config.consumeMessageBatchMaxSize();
        for (int from = 0; from < messages.size(); from += size) {
            List<ReceivedMessage> batch = List.copyOf(messages.subList(from, Math.min(messages.size(), from + size)));
            execute(() -> consume(state, epoch, process, batch));
        }
    }

    private void execute(Runnable task) {
        try {
            consumePool.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the messages stay unconsumed and the offset below them
        }
    }

    private void consume(QueueState state, int epoch, ProcessQueue process, List<ReceivedMessage> batch) {
        if (process.dropped()) {
            return;
        }
        process.consuming(batch, System.currentTimeMillis());
        ConsumeConcurrentlyContext context = new ConsumeConcurrentlyContext(state.queue());
        ConsumeConcurrentlyStatus status;
        try {
            status = listener.consumeMessage(batch, context);
            if (status == null) {
                LOG.warn("the listener of group {} returned null for {}; reconsuming later", config.consumerGroup(),
                        state.queue());
                status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("the listener of group {} threw on {} (offsets {}..{}); reconsuming later",
                    config.consumerGroup(), state.queue(), batch.get(0).queueOffset(),
                    batch.get(batch.size() - 1).queueOffset(), e);
            status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (process.dropped()) {
            // The queue moved away meanwhile: its new owner starts from the committed offset.
            return;
        }
        List<ReceivedMessage> done = batch;
        if (status == ConsumeConcurrentlyStatus.RECONSUME_LATER) {
            if (config.clustering()) {
                List<ReceivedMessage> failed = new ArrayList<>();
                for (ReceivedMessage message : batch) {
                    if (!sendBack.sendBack(state.queue(), message, context.delayLevelWhenNextConsume())) {
                        failed.add(PushMessages.withReconsumeTimes(message, message.reconsumeTimes() + 1));
                    }
                }
                if (!failed.isEmpty()) {
                    done = new ArrayList<>(batch);
                    done.removeIf(m -> failed.stream().anyMatch(f -> f.queueOffset() == m.queueOffset()));
                    retryLocally(state, epoch, process, failed);
                }
            } else {
                LOG.warn("broadcasting group {} dropped {} message(s) of {} its listener failed (no retry in "
                        + "broadcasting)", config.consumerGroup(), batch.size(), state.queue());
            }
        }
        long offset = process.remove(done);
        if (offset >= 0) {
            state.consumedUpTo(epoch, offset);
        }
    }

    /**
     * {@code consumeTimeout}: messages in the listener for longer are sent back for a later retry (with
     * the broker's delay for their reconsume count) and no longer hold their queue's offset back; the
     * listener's eventual answer for them is ignored. At most {@value #EXPIRED_PER_QUEUE} per queue and round.
     */
    void sendBackExpired(List<QueueState> states, java.util.function.Function<QueueState, ProcessQueue> processes) {
        if (!config.clustering()) {
            return;
        }
        long before = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(config.consumeTimeoutMinutes());
        for (QueueState state : states) {
            ProcessQueue process = processes.apply(state);
            for (ReceivedMessage message : process.expired(before, EXPIRED_PER_QUEUE)) {
                LOG.warn("message {} of {} is in the listener for over {} min; sending it back", message.msgId(),
                        state.queue(), config.consumeTimeoutMinutes());
                if (sendBack.sendBack(state.queue(), message, 0)) {
                    long offset = process.remove(List.of(message));
                    if (offset >= 0) {
                        state.consumedUpTo(state.epoch(), offset);
                    }
                }
            }
        }
    }

    private void retryLocally(QueueState state, int epoch, ProcessQueue process, List<ReceivedMessage> failed) {
        try {
            timer.schedule(() -> execute(() -> consume(state, epoch, process, failed)), localRetryDelayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
