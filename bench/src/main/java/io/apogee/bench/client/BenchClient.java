package io.apogee.bench.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One side of the client benchmark, ours or the official client: a producer shared by the sender
 * threads, and a push-style consumer started on demand. Implementations are thread-safe for
 * {@link #send}.
 */
interface BenchClient extends AutoCloseable {
    String name();

    /** What backs {@link #startConsumer}: the push consumer, or a stand-in named here. */
    String consumerKind();

    /** One synchronous send of {@code body} to {@code topic}; throws when the broker did not store it. */
    void send(String topic, byte[] body) throws Exception;

    /**
     * Starts a consumer of a fresh {@code group} from the first offset; every received message adds to
     * {@code received} and moves {@code lastNanos} ({@code firstNanos} once).
     */
    void startConsumer(String topic, String group, LongAdder received, AtomicLong firstNanos, AtomicLong lastNanos)
            throws Exception;

    void stopConsumer();

    @Override
    void close();
}
