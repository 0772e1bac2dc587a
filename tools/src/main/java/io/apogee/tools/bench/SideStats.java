package io.apogee.tools.bench;

import org.HdrHistogram.Histogram;

/**
 * The figures of one side (send or receive) over a span of time: one second for the periodic lines, the
 * whole run for the summary. Latencies in milliseconds; NaN when the span has no latency sample.
 *
 * @param maxTps the best one-second rate seen (summary only; for an interval, its own rate)
 * @param lastError the last error's description, or null
 */
public record SideStats(String name, double seconds, long messages, long bytes, long errors, double tps,
        double maxTps, double mbps, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
        String lastError) {
    private static final double MIB = 1024.0 * 1024.0;

    public static SideStats of(String name, double seconds, long messages, long bytes, long errors, double maxTps,
            Histogram latencies, String lastError) {
        double tps = seconds > 0 ? messages / seconds : 0;
        double mbps = seconds > 0 ? bytes / MIB / seconds : 0;
        boolean none = latencies == null || latencies.getTotalCount() == 0;
        return new SideStats(name, seconds, messages, bytes, errors, tps, Double.isNaN(maxTps) ? tps : maxTps, mbps,
                none ? Double.NaN : millis(latencies.getValueAtPercentile(50)),
                none ? Double.NaN : millis(latencies.getValueAtPercentile(99)),
                none ? Double.NaN : millis(latencies.getValueAtPercentile(99.9)),
                none ? Double.NaN : millis(latencies.getMaxValue()),
                none ? Double.NaN : latencies.getMean() / 1000.0, lastError);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
