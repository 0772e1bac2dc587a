package io.apogee.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's message counters since start, as runtime info reports them. Counters only grow;
 * reads are approximate under concurrent updates. Thread-safe.
 */
public final class BrokerStats {
    private final long bootTimestamp;
    private final LongAdder putMessages = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private final LongAdder putFailures = new LongAdder();
    private final LongAdder gotMessages = new LongAdder();

    public BrokerStats(long bootTimestamp) {
        this.bootTimestamp = bootTimestamp;
    }

    /** Counts {@code messages} stored, {@code bytes} of body in all. */
    public void stored(int messages, long bytes) {
        putMessages.add(messages);
        putBytes.add(bytes);
    }

    public void putFailed() {
        putFailures.increment();
    }

    /** Counts messages handed to consumers. */
    public void got(int messages) {
        gotMessages.add(messages);
    }

    public long bootTimestamp() {
        return bootTimestamp;
    }

    public long putMessages() {
        return putMessages.sum();
    }

    public long putBytes() {
        return putBytes.sum();
    }

    public long putFailures() {
        return putFailures.sum();
    }

    public long gotMessages() {
        return gotMessages.sum();
    }
}
