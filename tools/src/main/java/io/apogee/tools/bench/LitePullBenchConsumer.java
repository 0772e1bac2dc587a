package io.apogee.tools.bench;

import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.LitePullConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link BenchConsumer} on a {@link LitePullConsumer}: a few threads poll and hand messages over. */
final class LitePullBenchConsumer implements BenchConsumer {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final LitePullConsumer consumer;
    private final String topic;
    private final int pollers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    LitePullBenchConsumer(LitePullConsumer consumer, String topic, int pollers) {
        this.consumer = consumer;
        this.topic = topic;
        this.pollers = pollers;
    }

    @Override
    public void start(Consumer<ReceivedMessage> listener, Consumer<Throwable> onError) {
        consumer.subscribe(topic, "*");
        for (int i = 0; i < pollers; i++) {
            Thread thread = new Thread(() -> {
                while (!closed) {
                    List<ReceivedMessage> messages;
                    try {
                        messages = consumer.poll(POLL_TIMEOUT);
                    } catch (RuntimeException e) {
                        if (!closed) {
                            onError.accept(e);
                        }
                        continue;
                    }
                    messages.forEach(listener);
                }
            }, "mqbench-poller-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
