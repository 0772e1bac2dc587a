package io.apogee.client.producer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Avoids a broker for a while after a slow or failed send: the slower the send, the longer the broker
 * is set aside, by a table of latency steps (a failure counts as {@link #FAILURE_LATENCY_MILLIS}).
 * The default table is the official 5.x client's: latency 550 ms or more sets a broker aside for 2 s,
 * up to 30 s for 15 s or more; a failure for 10 s. Thread-safe: one concurrent map of deadlines.
 */
public final class LatencyFaultStrategy implements BrokerFaultStrategy {
    /** What a failed send counts as. */
    public static final long FAILURE_LATENCY_MILLIS = 10_000;
    private static final long[] LATENCY_STEPS = {50, 100, 550, 1800, 3000, 5000, 15_000};
    private static final long[] AVOID_FOR_MILLIS = {0, 0, 2000, 5000, 6000, 10_000, 30_000};

    private final ConcurrentMap<String, Long> avoidUntilNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public LatencyFaultStrategy() {
        this(System::nanoTime);
    }

    /** With an injected clock, for tests. */
    public LatencyFaultStrategy(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void record(String brokerName, long latencyMillis, boolean failed) {
        long avoidFor = avoidanceFor(failed ? FAILURE_LATENCY_MILLIS : latencyMillis);
        if (avoidFor == 0) {
            avoidUntilNanos.remove(brokerName);
        } else {
            avoidUntilNanos.put(brokerName, nanoClock.getAsLong() + avoidFor * 1_000_000L);
        }
    }

    @Override
    public boolean isAvailable(String brokerName) {
        Long until = avoidUntilNanos.get(brokerName);
        return until == null || nanoClock.getAsLong() - until >= 0;
    }

    /** How long a send of this latency sets its broker aside, in ms. */
    static long avoidanceFor(long latencyMillis) {
        for (int i = LATENCY_STEPS.length - 1; i >= 0; i--) {
            if (latencyMillis >= LATENCY_STEPS[i]) {
                return AVOID_FOR_MILLIS[i];
            }
        }
        return 0;
    }
}
