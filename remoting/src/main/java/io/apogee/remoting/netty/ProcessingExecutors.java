package io.apogee.remoting.netty;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors for request processing: a fixed number of named daemon threads and a bounded queue that
 * refuses work when full, so that overload is answered ({@code SYSTEM_BUSY}) rather than queued
 * without limit.
 */
public final class ProcessingExecutors {
    private ProcessingExecutors() {
    }

    public static ThreadPoolExecutor bounded(String name, int threads, int queueCapacity) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), named(name), new ThreadPoolExecutor.AbortPolicy());
    }

    public static ThreadFactory named(String name) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
