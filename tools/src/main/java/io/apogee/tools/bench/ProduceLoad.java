package io.apogee.tools.bench;

import io.apogee.client.Message;
import io.apogee.client.producer.Producer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender threads of a run: each sends the same-sized body to the topic as fast as the send mode
 * allows and records every outcome in the send meter, until {@link #stop}. Sync sends measure the
 * round trip, async sends the time from the call to the future's completion (at most
 * {@code maxInFlight} outstanding per thread), oneway sends the time the call takes.
 */
final class ProduceLoad {
    // After a failure a thread pauses, so that an unreachable broker does not turn into a busy loop.
    private static final long FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BenchOptions options;
    private final Producer producer;
    private final Meter meter;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    ProduceLoad(BenchOptions options, Producer producer, Meter meter) {
        this.options = options;
        this.producer = producer;
        this.meter = meter;
    }

    void start() {
        byte[] body = new byte[options.messageSize()];
        ThreadLocalRandom.current().nextBytes(body);
        Message message = Message.builder().topic(options.topic()).body(body).build();
        for (int i = 0; i < options.threads(); i++) {
            Thread thread = new Thread(() -> sendLoop(message), "mqbench-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void sendLoop(Message message) {
        switch (options.sendMode()) {
            case SYNC -> syncLoop(message);
            case ASYNC -> asyncLoop(message);
            case ONEWAY -> onewayLoop(message);
        }
    }

    private void syncLoop(Message message) {
        int size = message.bodyLength();
        while (!stopped) {
            long start = System.nanoTime();
            try {
                producer.send(message);
                meter.success(size, System.nanoTime() - start);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void onewayLoop(Message message) {
        int size = message.bodyLength();
        while (!stopped) {
            long start = System.nanoTime();
            try {
                producer.sendOneway(message);
                meter.success(size, System.nanoTime() - start);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void asyncLoop(Message message) {
        int size = message.bodyLength();
        Semaphore inFlight = new Semaphore(options.maxInFlight());
        try {
            while (!stopped) {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long start = System.nanoTime();
                try {
                    producer.sendAsync(message).whenComplete((result, error) -> {
                        inFlight.release();
                        if (error == null) {
                            meter.success(size, System.nanoTime() - start);
                        } else {
                            meter.failure(error);
                        }
                    });
                } catch (RuntimeException e) {
                    inFlight.release();
                    failed(e);
                }
            }
            // Let the outstanding sends finish, so that the summary counts them; bounded by the send timeout.
            inFlight.tryAcquire(options.maxInFlight(), 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(RuntimeException e) {
        meter.failure(e);
        LockSupport.parkNanos(FAILURE_PAUSE_NANOS);
    }

    /** Stops the senders and waits (bounded) for their last sends to end. */
    void stop() throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                thread.join(left);
            }
        }
    }
}
