package io.apogee.client.consumer;

import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker locks of an orderly clustering consumer ({@code LOCK_BATCH_MQ} / {@code UNLOCK_BATCH_MQ}):
 * a queue is locked before it starts (its start offset is read after, so it continues where the
 * previous holder stopped), all held queues are re-locked every 20 s, a queue whose renewal fails
 * stops being consumed, and a dropped queue is unlocked once its batch in progress is over. Runs on
 * the consumer's control thread. Thread-safe.
 */
final class QueueLocks implements QueueLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(QueueLocks.class);
    /** How long a drop waits for the batch in progress before unlocking anyway. */
    private static final long DROP_WAIT_MILLIS = 1000;

    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final String clientId;
    private final long timeoutMillis;
    private final Function<QueueState, ProcessQueue> processQueues;
    private volatile boolean closing;

    QueueLocks(ConsumerBrokerApi api, RouteService routes, String clientId, long timeoutMillis,
            Function<QueueState, ProcessQueue> processQueues) {
        this.api = api;
        this.routes = routes;
        this.clientId = clientId;
        this.timeoutMillis = timeoutMillis;
        this.processQueues = processQueues;
    }

    @Override
    public void beforeStart(QueueState state) throws Exception {
        MessageQueue queue = state.queue();
        String addr = MasterAddress.of(routes, queue, timeoutMillis);
        Set<MessageQueue> locked = api.lock(addr, clientId, Set.of(queue)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        if (!locked.contains(queue)) {
            throw new IllegalStateException(queue + " is locked by another member of the group");
        }
        processQueues.apply(state).markLocked(true, System.currentTimeMillis());
    }

    @Override
    public void afterDrop(QueueState state) {
        ProcessQueue process = processQueues.apply(state);
        boolean idle = false;
        try {
            idle = process.consumeLock().tryLock(DROP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.drop();
            if (closing) {
                return;
            }
            String addr = routes.table().masterAddr(state.queue().brokerName());
            if (addr != null) {
                api.unlock(addr, clientId, Set.of(state.queue())).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.debug("unlock of {} failed (the broker lets it expire): {}", state.queue(),
                                failure.toString());
                    }
                });
            }
        } finally {
            if (idle) {
                process.consumeLock().unlock();
            }
        }
    }

    /** Re-locks every held queue, broker by broker; queues a broker did not lock stop being consumed. */
    void renew(List<QueueState> states) {
        Map<String, Map<MessageQueue, QueueState>> byBroker = new HashMap<>();
        for (QueueState state : states) {
            byBroker.computeIfAbsent(state.queue().brokerName(), b -> new HashMap<>()).put(state.queue(), state);
        }
        for (Map.Entry<String, Map<MessageQueue, QueueState>> e : byBroker.entrySet()) {
            String addr = routes.table().masterAddr(e.getKey());
            if (addr == null) {
                continue;
            }
            try {
                Set<MessageQueue> locked = api.lock(addr, clientId, new HashSet<>(e.getValue().keySet()))
                        .get(timeoutMillis, TimeUnit.MILLISECONDS);
                long now = System.currentTimeMillis();
                e.getValue().forEach((queue, state) -> {
                    boolean held = locked.contains(queue);
                    if (!held) {
                        LOG.warn("lost the lock of {}; its consumption pauses", queue);
                    }
                    processQueues.apply(state).markLocked(held, now);
                });
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ex) {
                LOG.warn("lock renewal at {} failed: {}", addr, ex.toString());
            }
        }
    }

    /** At shutdown: releases every lock and waits for the brokers (bounded); later drops skip unlocking. */
    void unlockAll(List<QueueState> states) {
        closing = true;
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        for (QueueState state : states) {
            byBroker.computeIfAbsent(state.queue().brokerName(), b -> new HashSet<>()).add(state.queue());
        }
        CompletableFuture<?>[] calls = byBroker.entrySet().stream().map(e -> {
            String addr = routes.table().masterAddr(e.getKey());
            return addr == null ? CompletableFuture.completedFuture(null)
                    : api.unlock(addr, clientId, e.getValue()).exceptionally(failure -> null);
        }).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(calls).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("unlock at shutdown did not complete: {}", e.toString());
        }
    }
}
