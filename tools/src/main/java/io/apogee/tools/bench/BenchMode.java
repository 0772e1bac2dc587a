package io.apogee.tools.bench;

import java.util.Locale;
import java.util.Optional;

/** What a run of {@code mqbench} does: send, receive, or both in one process. */
public enum BenchMode {
    PRODUCE(16),
    CONSUME(20),
    E2E(16);

    private final int defaultThreads;

    BenchMode(int defaultThreads) {
        this.defaultThreads = defaultThreads;
    }

    /** Sender threads for produce and e2e, consumer threads for consume. */
    public int defaultThreads() {
        return defaultThreads;
    }

    public boolean sends() {
        return this != CONSUME;
    }

    public boolean receives() {
        return this != PRODUCE;
    }

    public String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BenchMode> fromCommand(String command) {
        for (BenchMode mode : values()) {
            if (mode.commandName().equals(command)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
