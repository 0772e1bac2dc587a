package io.apogee.broker.lock;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Which client of a consumer group holds each queue, for orderly consumers (shared/protocol/
 * 03-broker-client.md section 17). A lock is free when nobody holds it, when the asking client holds
 * it (locking again refreshes it), or when its holder has not refreshed it for {@code lockMaxLiveMillis}
 * (a client that died without unlocking loses its queues after that).
 *
 * <p>Thread-safe: each group's table is changed under that table's monitor, so two clients racing for
 * one queue see one winner.
 */
public final class QueueLockTable {
    /** RocketMQ's {@code rocketmq.broker.rebalance.lockMaxLiveTime} default. */
    public static final long DEFAULT_LOCK_MAX_LIVE_MILLIS = 60_000;

    private record Holder(String clientId, long lastRefreshMillis) {
    }

    private final ConcurrentMap<String, Map<MessageQueue, Holder>> groups = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final long lockMaxLiveMillis;

    public QueueLockTable(LongSupplier clock, long lockMaxLiveMillis) {
        this.clock = clock;
        this.lockMaxLiveMillis = lockMaxLiveMillis;
    }

    /**
     * Locks for {@code clientId} every queue of {@code queues} that is free or already its own.
     *
     * @return the queues {@code clientId} now holds, in request order
     */
    public Set<MessageQueue> lock(String group, String clientId, Set<MessageQueue> queues) {
        Map<MessageQueue, Holder> table = groups.computeIfAbsent(group, g -> new HashMap<>());
        long now = clock.getAsLong();
        Set<MessageQueue> locked = new LinkedHashSet<>();
        synchronized (table) {
            for (MessageQueue queue : queues) {
                Holder holder = table.get(queue);
                if (holder == null || holder.clientId().equals(clientId) || isExpired(holder, now)) {
                    table.put(queue, new Holder(clientId, now));
                    locked.add(queue);
                }
            }
        }
        return locked;
    }

    /** Releases the queues of {@code queues} that {@code clientId} holds; others' locks stay. */
    public void unlock(String group, String clientId, Set<MessageQueue> queues) {
        Map<MessageQueue, Holder> table = groups.get(group);
        if (table == null) {
            return;
        }
        synchronized (table) {
            for (MessageQueue queue : queues) {
                Holder holder = table.get(queue);
                if (holder != null && holder.clientId().equals(clientId)) {
                    table.remove(queue);
                }
            }
        }
    }

    /** Whether {@code clientId} holds a live lock on {@code queue}. */
    public boolean isLockedBy(String group, MessageQueue queue, String clientId) {
        Map<MessageQueue, Holder> table = groups.get(group);
        if (table == null) {
            return false;
        }
        synchronized (table) {
            Holder holder = table.get(queue);
            return holder != null && holder.clientId().equals(clientId) && !isExpired(holder, clock.getAsLong());
        }
    }

    private boolean isExpired(Holder holder, long now) {
        return now - holder.lastRefreshMillis() > lockMaxLiveMillis;
    }
}
