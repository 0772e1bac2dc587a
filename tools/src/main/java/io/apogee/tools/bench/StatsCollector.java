package io.apogee.tools.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the meters of a run into per-second figures and a run summary: each {@link #tick(long)} takes
 * what every meter counted since the previous tick, and adds it to the run's totals. Used by the one
 * reporting thread only; not thread-safe.
 */
public final class StatsCollector {
    private final List<Meter> meters;
    private final List<Totals> totals = new ArrayList<>();
    private final long startNanos;
    private long lastTickNanos;

    private static final class Totals {
        final Histogram latencies = new Histogram(3);
        long messages;
        long bytes;
        long errors;
        double maxTps;
    }

    public StatsCollector(List<Meter> meters, long startNanos) {
        this.meters = List.copyOf(meters);
        this.startNanos = startNanos;
        this.lastTickNanos = startNanos;
        for (int i = 0; i < meters.size(); i++) {
            totals.add(new Totals());
        }
    }

    /** The figures since the previous tick (or the start), one per meter; adds them to the totals. */
    public List<SideStats> tick(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - lastTickNanos) / 1e9);
        lastTickNanos = nowNanos;
        List<SideStats> stats = new ArrayList<>(meters.size());
        for (int i = 0; i < meters.size(); i++) {
            Meter meter = meters.get(i);
            Totals total = totals.get(i);
            Meter.Interval interval = meter.take();
            SideStats side = SideStats.of(meter.name(), seconds, interval.messages(), interval.bytes(),
                    interval.errors(), Double.NaN, interval.latencies(), meter.lastError());
            stats.add(side);
            total.messages += interval.messages();
            total.bytes += interval.bytes();
            total.errors += interval.errors();
            // A short last interval (a stop between ticks) would inflate the best rate; it does not count.
            if (seconds >= 0.5) {
                total.maxTps = Math.max(total.maxTps, side.tps());
            }
            total.latencies.add(interval.latencies());
            meter.recycle(interval.latencies());
        }
        return stats;
    }

    /** The whole run so far: totals, averages over the elapsed time, best rates, latency percentiles. */
    public List<SideStats> summary() {
        double seconds = Math.max(1e-9, (lastTickNanos - startNanos) / 1e9);
        List<SideStats> stats = new ArrayList<>(meters.size());
        for (int i = 0; i < meters.size(); i++) {
            Totals total = totals.get(i);
            stats.add(SideStats.of(meters.get(i).name(), seconds, total.messages, total.bytes, total.errors,
                    total.maxTps, total.latencies, meters.get(i).lastError()));
        }
        return stats;
    }

    /** Seconds from the start to the latest tick. */
    public double elapsedSeconds() {
        return (lastTickNanos - startNanos) / 1e9;
    }
}
