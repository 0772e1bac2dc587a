package io.apogee.tools.bench;

import java.util.List;

/** Prints what a run measured: a line a second and a summary at the end. */
public interface BenchReporter {
    /** Once at the start, what is about to run. */
    void started(BenchOptions options);

    /** The figures of the second that ended {@code elapsedSeconds} after the start. */
    void interval(BenchMode mode, long elapsedSeconds, List<SideStats> sides);

    /** Once at the end, the whole run. */
    void summary(BenchMode mode, double elapsedSeconds, List<SideStats> sides);

    static BenchReporter of(BenchOptions options, java.io.PrintStream out) {
        return options.json() ? new JsonReporter(out) : new HumanReporter(out);
    }
}
