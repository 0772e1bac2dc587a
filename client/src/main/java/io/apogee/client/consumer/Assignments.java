package io.apogee.client.consumer;

import io.apogee.client.ClientException;
import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues this consumer holds and their offsets: a newly assigned queue starts at the group's
 * stored offset ({@link OffsetStore}), else where {@code consumeFromWhere} says; a queue
 * taken away has its offset committed and its cache dropped; seeks and commits go through here. Start
 * offsets are looked up on the control executor (blocking there is fine; never a Netty thread), and
 * retried every second until they succeed or the queue goes. Thread-safe.
 */
final class Assignments {
    private static final Logger LOG = LoggerFactory.getLogger(Assignments.class);
    private static final long RETRY_MILLIS = 1000;

    private final ConsumerSettings config;
    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final OffsetStore offsets;
    private final PullService pulls;
    private final ScheduledExecutorService control;
    private final QueueLifecycle lifecycle;
    private final ConcurrentMap<MessageQueue, QueueState> queues = new ConcurrentHashMap<>();

    Assignments(ConsumerSettings config, ConsumerBrokerApi api, RouteService routes, OffsetStore offsets,
            PullService pulls, ScheduledExecutorService control, QueueLifecycle lifecycle) {
        this.config = config;
        this.api = api;
        this.routes = routes;
        this.offsets = offsets;
        this.pulls = pulls;
        this.control = control;
        this.lifecycle = lifecycle;
    }

    /** The state of {@code queue} while this consumer holds it, else null. */
    QueueState state(MessageQueue queue) {
        return queues.get(queue);
    }

    /** The states of the held queues. */
    List<QueueState> states() {
        return List.copyOf(queues.values());
    }

    Set<MessageQueue> queues() {
        return Set.copyOf(queues.keySet());
    }

    /**
     * Makes the queues that {@code scope} covers exactly {@code wanted}: drops (after committing) the
     * others in scope, starts the new ones. Queues outside the scope are untouched.
     */
    synchronized void update(Predicate<MessageQueue> scope, Set<MessageQueue> wanted) {
        for (QueueState state : List.copyOf(queues.values())) {
            if (scope.test(state.queue()) && !wanted.contains(state.queue())) {
                queues.remove(state.queue());
                offsets.storeQuietly(state);
                pulls.uncache(state.drop());
                lifecycle.afterDrop(state);
                LOG.info("group {} no longer consumes {}", config.consumerGroup(), state.queue());
            }
        }
        for (MessageQueue queue : wanted) {
            if (!queues.containsKey(queue)) {
                QueueState state = new QueueState(queue);
                queues.put(queue, state);
                LOG.info("group {} now consumes {}", config.consumerGroup(), queue);
                schedule(() -> startQueue(state, state.epoch()), 0);
            }
        }
    }

    private void startQueue(QueueState state, int epoch) {
        if (!state.current(epoch)) {
            return;
        }
        try {
            lifecycle.beforeStart(state);
            if (!state.current(epoch)) {
                return;
            }
            long offset = startOffset(state.queue());
            int pullEpoch = state.start(epoch, offset);
            if (pullEpoch >= 0) {
                LOG.info("group {} starts {} at offset {}", config.consumerGroup(), state.queue(), offset);
                pulls.start(state, pullEpoch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} not started, retrying: {}", state.queue(), e.toString());
            schedule(() -> startQueue(state, epoch), RETRY_MILLIS);
        }
    }

    private long startOffset(MessageQueue queue) throws Exception {
        OptionalLong committed = offsets.read(queue);
        if (committed.isPresent()) {
            return committed.getAsLong();
        }
        String addr = addr(queue);
        // A group's retry queue holds only its own failed messages: "last" would skip those stored
        // before the queue was first held, so it starts at 0 there; "timestamp" starts at the end (both
        // as the official client does).
        boolean retry = queue.topic().startsWith(PushMessages.RETRY_PREFIX);
        return switch (config.consumeFromWhere()) {
            case CONSUME_FROM_LAST_OFFSET -> retry ? 0L : await(api.maxOffset(addr, queue));
            case CONSUME_FROM_FIRST_OFFSET -> 0L;
            case CONSUME_FROM_TIMESTAMP -> retry ? await(api.maxOffset(addr, queue))
                    : await(api.searchOffset(addr, queue, config.consumeTimestamp()));
        };
    }

    /**
     * Moves {@code queue} to {@code offset}: the next poll returns messages from there.
     *
     * @throws IllegalStateException when the queue is not assigned to this consumer
     * @throws IllegalArgumentException when the offset is outside the queue's min..max
     */
    void seek(MessageQueue queue, long offset) {
        QueueState state = queues.get(queue);
        if (state == null) {
            throw new IllegalStateException("the queue is not assigned to this consumer: " + queue);
        }
        long min;
        long max;
        try {
            String addr = addr(queue);
            min = await(api.minOffset(addr, queue));
            max = await(api.maxOffset(addr, queue));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while seeking " + queue, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException("could not read the bounds of " + queue + ": " + e.getMessage(), e);
        }
        if (offset < min || offset > max) {
            throw new IllegalArgumentException("seek offset " + offset + " is outside " + queue + "'s range "
                    + min + ".." + max);
        }
        pulls.uncache(state.seek(offset));
        pulls.start(state, state.epoch());
    }

    /** Commits every queue's consumed offset and waits for the brokers' answers. */
    void commitSync() {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (QueueState state : queues.values()) {
            long offset = state.consumedOffset();
            if (offset < 0) {
                continue;
            }
            calls.add(offsets.store(state.queue(), offset).thenRun(() -> state.committed(offset)));
        }
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .get(config.client().mqClientApiTimeoutMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while committing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException("commit failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits, without waiting, every queue whose consumed offset moved since its last commit
     * (auto-commit), then makes the store durable.
     */
    void commitChangedOneway() {
        for (QueueState state : queues.values()) {
            offsets.storeQuietly(state);
        }
        offsets.flush();
    }

    /** The consumed offsets by queue (for tests and diagnostics). */
    Map<MessageQueue, Long> consumedOffsets() {
        Map<MessageQueue, Long> out = new java.util.TreeMap<>();
        queues.forEach((queue, state) -> out.put(queue, state.consumedOffset()));
        return out;
    }

    /** Forgets every queue without storing offsets (the consumer has committed them, or must not). */
    synchronized void dropAll() {
        for (QueueState state : queues.values()) {
            pulls.uncache(state.drop());
            lifecycle.afterDrop(state);
        }
        queues.clear();
    }

    private String addr(MessageQueue queue) throws InterruptedException, ExecutionException, TimeoutException {
        return MasterAddress.of(routes, queue, config.client().mqClientApiTimeoutMillis() * 2);
    }

    private <T> T await(CompletableFuture<T> call) throws InterruptedException, ExecutionException, TimeoutException {
        return call.get(config.client().mqClientApiTimeoutMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            control.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
