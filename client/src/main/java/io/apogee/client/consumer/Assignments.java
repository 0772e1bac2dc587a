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
 * committed offset ({@code QUERY_CONSUMER_OFFSET}), else where {@code consumeFromWhere} says; a queue
 * taken away has its offset committed and its cache dropped; seeks and commits go through here. Start
 * offsets are looked up on the control executor (blocking there is fine; never a Netty thread), and
 * retried every second until they succeed or the queue goes. Thread-safe.
 */
final class Assignments {
    private static final Logger LOG = LoggerFactory.getLogger(Assignments.class);
    private static final long RETRY_MILLIS = 1000;

    private final LitePullConsumerConfig config;
    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final PullService pulls;
    private final ScheduledExecutorService control;
    private final ConcurrentMap<MessageQueue, QueueState> queues = new ConcurrentHashMap<>();

    Assignments(LitePullConsumerConfig config, ConsumerBrokerApi api, RouteService routes, PullService pulls,
            ScheduledExecutorService control) {
        this.config = config;
        this.api = api;
        this.routes = routes;
        this.pulls = pulls;
        this.control = control;
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
                commitOneway(state);
                pulls.uncache(state.drop());
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
            long offset = startOffset(state.queue());
            int pullEpoch = state.start(epoch, offset);
            if (pullEpoch >= 0) {
                LOG.info("group {} starts {} at offset {}", config.consumerGroup(), state.queue(), offset);
                pulls.start(state, pullEpoch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("start offset of {} not found, retrying: {}", state.queue(), e.toString());
            schedule(() -> startQueue(state, epoch), RETRY_MILLIS);
        }
    }

    private long startOffset(MessageQueue queue) throws InterruptedException, ExecutionException, TimeoutException {
        String addr = addr(queue);
        OptionalLong committed = await(api.queryOffset(addr, queue));
        if (committed.isPresent() && committed.getAsLong() >= 0) {
            return committed.getAsLong();
        }
        return switch (config.consumeFromWhere()) {
            case CONSUME_FROM_LAST_OFFSET -> await(api.maxOffset(addr, queue));
            case CONSUME_FROM_FIRST_OFFSET -> 0L;
            case CONSUME_FROM_TIMESTAMP -> await(api.searchOffset(addr, queue, config.consumeTimestamp()));
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
            String addr = routes.table().masterAddr(state.queue().brokerName());
            if (addr == null) {
                throw new ClientException("no broker address for " + state.queue() + "; offset not committed");
            }
            calls.add(api.commit(addr, state.queue(), offset).thenRun(() -> state.committed(offset)));
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

    /** Commits, oneway, every queue whose consumed offset moved since its last commit (auto-commit). */
    void commitChangedOneway() {
        for (QueueState state : queues.values()) {
            commitOneway(state);
        }
    }

    private void commitOneway(QueueState state) {
        long offset = state.offsetToCommit();
        String addr = routes.table().masterAddr(state.queue().brokerName());
        if (offset < 0 || addr == null) {
            return;
        }
        try {
            api.updateOffset(addr, state.queue(), offset);
            state.committed(offset);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("auto-commit of {} failed: {}", state.queue(), e.toString());
        }
    }

    /** The consumed offsets by queue (for tests and diagnostics). */
    Map<MessageQueue, Long> consumedOffsets() {
        Map<MessageQueue, Long> out = new java.util.TreeMap<>();
        queues.forEach((queue, state) -> out.put(queue, state.consumedOffset()));
        return out;
    }

    void dropAll() {
        for (QueueState state : queues.values()) {
            pulls.uncache(state.drop());
        }
        queues.clear();
    }

    private String addr(MessageQueue queue) throws InterruptedException, ExecutionException, TimeoutException {
        String addr = routes.table().masterAddr(queue.brokerName());
        if (addr == null) {
            await(routes.refresh(queue.topic(), false));
            addr = routes.table().masterAddr(queue.brokerName());
        }
        if (addr == null) {
            throw new ClientException("no master address of broker " + queue.brokerName());
        }
        return addr;
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
