package io.apogee.remoting.netty;

import io.apogee.remoting.RequestProcessor;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Which processor, on which executor, serves each request code; a default serves the rest when set.
 * Registration normally happens before start, but is safe at any time. Thread-safe.
 */
public final class ProcessorRegistry {
    /** A processor bound to the executor it runs on. */
    public record Registration(RequestProcessor processor, Executor executor) {
        public Registration {
            Objects.requireNonNull(processor, "processor");
            Objects.requireNonNull(executor, "executor");
        }
    }

    private final Map<Integer, Registration> byCode = new ConcurrentHashMap<>();
    private volatile Registration fallback;

    public void register(int requestCode, RequestProcessor processor, Executor executor) {
        byCode.put(requestCode, new Registration(processor, executor));
    }

    public void registerDefault(RequestProcessor processor, Executor executor) {
        fallback = new Registration(processor, executor);
    }

    /** The registration for {@code requestCode}, the default, or null when neither exists. */
    public Registration lookup(int requestCode) {
        Registration registration = byCode.get(requestCode);
        return registration != null ? registration : fallback;
    }
}
