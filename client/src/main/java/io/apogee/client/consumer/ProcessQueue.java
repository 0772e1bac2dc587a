package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A push consumer's messages of one queue, from the pull that brought them until they are consumed:
 * the basis of flow control (count, bytes and offset span held), of the offset to commit (the lowest
 * offset not yet consumed, so nothing is skipped when batches finish out of order) and, for orderly
 * consumption, of the batch in progress and its local retry counts. Thread-safe: state guarded by the
 * object's monitor; {@link #consumeLock()} serialises an orderly queue's listener calls.
 */
final class ProcessQueue {
    /** Messages pulled and not yet consumed (concurrent: including those being consumed). */
    private final TreeMap<Long, ReceivedMessage> waiting = new TreeMap<>();
    /** Orderly: the batch the listener has now, until it succeeds or is put back. */
    private final TreeMap<Long, ReceivedMessage> taken = new TreeMap<>();
    /** Orderly: how often each offset was suspended here (its local reconsume count). */
    private final Map<Long, Integer> localRetries = new HashMap<>();
    /** Body length of each held offset, released with the message. */
    private final Map<Long, Integer> sizes = new HashMap<>();
    /** Concurrent: when the listener got each offset now in it (for {@code consumeTimeout}). */
    private final Map<Long, Long> consumeStarts = new HashMap<>();
    private final ReentrantLock consumeLock = new ReentrantLock();
    private long bytes;
    /** The offset after the last entry pulled: the commit point once nothing is held. */
    private long pulledUpTo = -1;
    private boolean dropped;
    private boolean orderlyScheduled;
    private boolean locked;
    private long lockedAtMillis;

    /**
     * Adds what a pull brought; {@code nextOffset} is where the queue continues.
     *
     * @return false when the queue was dropped meanwhile (the messages are not kept)
     */
    synchronized boolean add(List<ReceivedMessage> messages, long nextOffset) {
        if (dropped) {
            return false;
        }
        for (ReceivedMessage message : messages) {
            if (waiting.put(message.queueOffset(), message) == null) {
                int size = message.bodyLength();
                sizes.put(message.queueOffset(), size);
                bytes += size;
            }
        }
        pulledUpTo = Math.max(pulledUpTo, nextOffset);
        return true;
    }

    /** Concurrent: {@code messages} are done; returns the offset to commit now (-1 while unknown). */
    synchronized long remove(List<ReceivedMessage> messages) {
        for (ReceivedMessage message : messages) {
            if (waiting.remove(message.queueOffset()) != null) {
                bytes -= release(message.queueOffset());
            }
            consumeStarts.remove(message.queueOffset());
        }
        return commitOffset();
    }

    /** Concurrent: {@code messages} went to the listener at {@code nowMillis}. */
    synchronized void consuming(List<ReceivedMessage> messages, long nowMillis) {
        for (ReceivedMessage message : messages) {
            if (waiting.containsKey(message.queueOffset())) {
                consumeStarts.put(message.queueOffset(), nowMillis);
            }
        }
    }

    /** Concurrent: up to {@code max} held messages the listener got before {@code startedBefore}, lowest first. */
    synchronized List<ReceivedMessage> expired(long startedBefore, int max) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (Map.Entry<Long, ReceivedMessage> e : waiting.entrySet()) {
            Long start = consumeStarts.get(e.getKey());
            if (start != null && start < startedBefore) {
                out.add(e.getValue());
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    /** The lowest offset not yet consumed, or where the queue continues when nothing is held. */
    synchronized long commitOffset() {
        long low = Long.MAX_VALUE;
        if (!waiting.isEmpty()) {
            low = waiting.firstKey();
        }
        if (!taken.isEmpty()) {
            low = Math.min(low, taken.firstKey());
        }
        return low != Long.MAX_VALUE ? low : pulledUpTo;
    }

    synchronized int count() {
        return waiting.size() + taken.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Distance between the lowest and highest offset held (concurrent flow control). */
    synchronized long span() {
        return waiting.isEmpty() ? 0 : waiting.lastKey() - waiting.firstKey();
    }

    /**
     * Whether pulling must pause: {@code maxCount} messages or {@code maxBytes} bytes held, or (when
     * {@code maxSpan > 0}) the held offsets spread over more than {@code maxSpan}.
     */
    synchronized boolean overThresholds(int maxCount, long maxBytes, int maxSpan) {
        return count() >= maxCount || bytes >= maxBytes || (maxSpan > 0 && span() > maxSpan);
    }

    // ---- orderly ----

    ReentrantLock consumeLock() {
        return consumeLock;
    }

    /** Marks the queue as having a drain task; false when one is already scheduled. */
    synchronized boolean scheduleOrderly() {
        if (orderlyScheduled || dropped) {
            return false;
        }
        orderlyScheduled = true;
        return true;
    }

    /**
     * Takes the next {@code max} messages in offset order for the listener, with their local reconsume
     * counts; an empty list also ends the drain task (so the next pull schedules a new one).
     */
    synchronized List<Taken> take(int max) {
        List<Taken> out = new ArrayList<>(Math.min(max, waiting.size()));
        while (out.size() < max && !waiting.isEmpty()) {
            Map.Entry<Long, ReceivedMessage> first = waiting.pollFirstEntry();
            taken.put(first.getKey(), first.getValue());
            out.add(new Taken(first.getValue(), localRetries.getOrDefault(first.getKey(), 0)));
        }
        if (out.isEmpty()) {
            orderlyScheduled = false;
        }
        return out;
    }

    /** Orderly: the taken batch is consumed; returns the offset to commit now. */
    synchronized long commitTaken() {
        for (Long offset : taken.keySet()) {
            bytes -= release(offset);
            localRetries.remove(offset);
        }
        taken.clear();
        return commitOffset();
    }

    /** Orderly: the taken batch comes again later, each message's local reconsume count one higher. */
    synchronized void putBack() {
        for (Map.Entry<Long, ReceivedMessage> e : taken.entrySet()) {
            localRetries.merge(e.getKey(), 1, Integer::sum);
            waiting.put(e.getKey(), e.getValue());
        }
        taken.clear();
    }

    synchronized void markLocked(boolean locked, long nowMillis) {
        this.locked = locked;
        if (locked) {
            lockedAtMillis = nowMillis;
        }
    }

    /** Held, and renewed within {@code maxLiveMillis}. */
    synchronized boolean lockValid(long nowMillis, long maxLiveMillis) {
        return locked && nowMillis - lockedAtMillis <= maxLiveMillis;
    }

    synchronized void drop() {
        dropped = true;
        waiting.clear();
        taken.clear();
        localRetries.clear();
        sizes.clear();
        consumeStarts.clear();
        bytes = 0;
    }

    synchronized boolean dropped() {
        return dropped;
    }

    /** For tests: the held offsets. */
    synchronized NavigableMap<Long, ReceivedMessage> snapshot() {
        TreeMap<Long, ReceivedMessage> out = new TreeMap<>(waiting);
        out.putAll(taken);
        return out;
    }

    private long release(long offset) {
        Integer size = sizes.remove(offset);
        return size != null ? size : 0;
    }

    /** An orderly message handed out, with the number of times it was suspended before. */
    record Taken(ReceivedMessage message, int localRetries) {
    }
}
