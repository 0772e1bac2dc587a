package io.apogee.store.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named daemon thread that runs one loop body until stopped, surviving (and logging) failures
 * of a single iteration so that a disk hiccup does not silently end flushing or dispatch.
 *
 * <p>Thread-safe: start and stop may be called from any thread, once each.
 */
public final class ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceThread.class);
    private static final long JOIN_MILLIS = 10_000;

    private final Thread thread;
    private final WakeupSignal signal = new WakeupSignal();
    private volatile boolean running = true;

    public ServiceThread(String name, Runnable iteration) {
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    iteration.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("{} iteration failed", name, e);
                    signal.await(100);
                }
            }
        }, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean isRunning() {
        return running;
    }

    public WakeupSignal signal() {
        return signal;
    }

    /** Stops the loop after its current iteration and waits for it, bounded. */
    public void stop() {
        running = false;
        signal.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
