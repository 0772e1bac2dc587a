package io.apogee.tools.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Aligned lines for a terminal; throughput in messages and MiB per second, latencies in milliseconds. */
public final class HumanReporter implements BenchReporter {
    private final PrintStream out;

    public HumanReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(BenchOptions o) {
        StringBuilder line = new StringBuilder("mqbench ").append(o.mode().commandName()).append(": topic ")
                .append(o.topic()).append(", name servers ").append(o.namesrvAddr());
        if (o.mode().sends()) {
            line.append(", ").append(o.threads()).append(" sender threads, ").append(o.messageSize())
                    .append("-byte bodies, ").append(o.sendMode().name().toLowerCase(Locale.ROOT)).append(" sends");
        }
        if (o.mode().receives()) {
            line.append(", group ").append(o.group()).append(", ").append(o.consumerThreads())
                    .append(" consumer threads");
        }
        line.append(o.runsForever() ? ", until Ctrl-C" : ", " + o.durationSeconds() + " s");
        out.println(line);
        out.flush();
    }

    @Override
    public void interval(BenchMode mode, long elapsedSeconds, List<SideStats> sides) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5ds]", elapsedSeconds));
        for (SideStats s : sides) {
            line.append(String.format(Locale.ROOT,
                    "  %-7s %9.0f msg/s %8.2f MiB/s  p50 %s  p99 %s  p999 %s ms  errors %d",
                    s.name(), s.tps(), s.mbps(), ms(s.p50Ms()), ms(s.p99Ms()), ms(s.p999Ms()), s.errors()));
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void summary(BenchMode mode, double elapsedSeconds, List<SideStats> sides) {
        out.printf(Locale.ROOT, "--- %s summary after %.1f s ---%n", mode.commandName(), elapsedSeconds);
        for (SideStats s : sides) {
            out.printf(Locale.ROOT, "%-7s %,d messages, %.1f MiB, %,d errors%n", s.name(), s.messages(),
                    s.bytes() / (1024.0 * 1024.0), s.errors());
            out.printf(Locale.ROOT, "        average %,.0f msg/s (best second %,.0f), %.2f MiB/s%n", s.tps(), s.maxTps(),
                    s.mbps());
            out.printf(Locale.ROOT, "        %s latency ms: p50 %s  p99 %s  p999 %s  max %s  mean %s%n",
                    s.name().equals("send") ? "send" : "end-to-end", ms(s.p50Ms()).trim(), ms(s.p99Ms()).trim(),
                    ms(s.p999Ms()).trim(), ms(s.maxMs()).trim(), ms(s.meanMs()).trim());
            if (s.lastError() != null) {
                out.printf("        last error: %s%n", s.lastError());
            }
        }
        out.flush();
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "     -" : String.format(Locale.ROOT, "%7.3f", value);
    }
}
