package io.apogee.store.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a background loop sleep until either its period elapses or someone has work for it. A
 * wake-up that arrives while the loop is busy is remembered, so it is never lost.
 *
 * <p>Thread-safe.
 */
public final class WakeupSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    /** Volatile so that a flood of wake-ups while one is pending costs a read, not a lock. */
    private volatile boolean pending;

    public void wakeup() {
        if (pending) {
            return;
        }
        lock.lock();
        try {
            if (!pending) {
                pending = true;
                woken.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code millis}; returns immediately if a wake-up is pending. */
    public void await(long millis) {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!pending && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            pending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
