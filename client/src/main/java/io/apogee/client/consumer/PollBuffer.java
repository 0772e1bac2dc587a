package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lite pull consumer's cache: pulled batches wait here for {@code poll}; pulls of a queue pause
 * while it caches {@code pullThresholdForQueue} messages, and all pulls while the consumer caches
 * {@code pullThresholdForAll}. Thread-safe.
 */
final class PollBuffer implements PullService.Sink {
    private final int thresholdForQueue;
    private final int thresholdForAll;
    private final BlockingQueue<Batch> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger totalCached = new AtomicInteger();

    PollBuffer(int thresholdForQueue, int thresholdForAll) {
        this.thresholdForQueue = thresholdForQueue;
        this.thresholdForAll = thresholdForAll;
    }

    @Override
    public boolean mayPull(QueueState state) {
        return state.cached() < thresholdForQueue && totalCached.get() < thresholdForAll;
    }

    @Override
    public void accept(QueueState state, int epoch, PullResult result) {
        List<ReceivedMessage> messages = result.messages();
        if (state.cache(epoch, messages.size())) {
            totalCached.addAndGet(messages.size());
            ready.add(new Batch(state, epoch, result.nextBeginOffset(), messages));
        }
    }

    @Override
    public void uncache(int count) {
        totalCached.addAndGet(-count);
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

    void clear() {
        ready.clear();
    }
}
