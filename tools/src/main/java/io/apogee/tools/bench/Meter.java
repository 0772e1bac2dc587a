package io.apogee.tools.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the messages, bytes and errors of one side of a run (sends or receipts) and records their
 * latencies in microseconds. Written by many load threads; read once a second by the one reporting
 * thread through {@link #take()}. Thread-safe.
 */
public final class Meter {
    private final String name;
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    // Auto-resizing, 3 significant digits: any latency fits, to within 0.1 %.
    private final Recorder latencies = new Recorder(3);
    private volatile String lastError;

    // The cumulative sums at the previous take(); read and written by the reporting thread only.
    private long takenMessages;
    private long takenBytes;
    private long takenErrors;
    private Histogram recycled;

    public Meter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** One message of {@code size} bytes done after {@code latencyNanos}. */
    public void success(int size, long latencyNanos) {
        successMicros(size, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
    }

    /** One message of {@code size} bytes done after {@code latencyMicros} (negative counts as zero). */
    public void successMicros(int size, long latencyMicros) {
        messages.increment();
        bytes.add(size);
        latencies.recordValue(Math.max(0, latencyMicros));
    }

    /** One message of {@code size} bytes whose latency is not known (a oneway send). */
    public void successWithoutLatency(int size) {
        messages.increment();
        bytes.add(size);
    }

    public void failure(Throwable error) {
        errors.increment();
        lastError = describe(error);
    }

    public String lastError() {
        return lastError;
    }

    /** What happened since the previous call: counts and a histogram the caller may keep. */
    public Interval take() {
        long m = messages.sum();
        long b = bytes.sum();
        long e = errors.sum();
        Histogram histogram = latencies.getIntervalHistogram(recycled);
        recycled = null;
        Interval interval = new Interval(m - takenMessages, b - takenBytes, e - takenErrors, histogram);
        takenMessages = m;
        takenBytes = b;
        takenErrors = e;
        return interval;
    }

    /** Hands an interval's histogram back for reuse once the caller has added it elsewhere. */
    public void recycle(Histogram histogram) {
        recycled = histogram;
    }

    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.CompletionException
                        || root instanceof java.util.concurrent.ExecutionException)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Counts since the previous {@link #take()}, and the latencies recorded in that time. */
    public record Interval(long messages, long bytes, long errors, Histogram latencies) {
    }
}
