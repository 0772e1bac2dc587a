package io.apogee.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy each CPU of the machine was between two samples of {@code /proc/stat} (every process, not
 * only the benchmark's: a busy core a benchmark did not use shows that something else ran there).
 * Linux only. Immutable.
 */
final class CoreUsage {
    private final long[] busy;
    private final long[] total;

    private CoreUsage(long[] busy, long[] total) {
        this.busy = busy;
        this.total = total;
    }

    /** The counters of every {@code cpuN} line now. */
    static CoreUsage sample() throws IOException {
        List<long[]> cores = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            long sum = 0;
            for (int i = 1; i < fields.length; i++) {
                sum += Long.parseLong(fields[i]);
            }
            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
            long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            cores.add(new long[] {sum - idle, sum});
        }
        long[] busy = new long[cores.size()];
        long[] total = new long[cores.size()];
        for (int i = 0; i < cores.size(); i++) {
            busy[i] = cores.get(i)[0];
            total[i] = cores.get(i)[1];
        }
        return new CoreUsage(busy, total);
    }

    /** Percent busy of each CPU from {@code earlier} to this sample. */
    double[] busyPercentSince(CoreUsage earlier) {
        double[] out = new double[Math.min(busy.length, earlier.busy.length)];
        for (int i = 0; i < out.length; i++) {
            long elapsed = total[i] - earlier.total[i];
            out[i] = elapsed <= 0 ? Double.NaN : 100.0 * (busy[i] - earlier.busy[i]) / elapsed;
        }
        return out;
    }
}
