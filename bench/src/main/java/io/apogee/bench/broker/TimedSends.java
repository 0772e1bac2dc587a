package io.apogee.bench.broker;

import io.apogee.bench.BenchSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * The measured phase the broker benchmarks share: synchronous sends of one body from many threads
 * for a fixed time, every latency recorded (up to four million in all).
 */
final class TimedSends {
    /**
     * @param startNanos when the senders were started ({@link System#nanoTime()})
     * @param seconds how long they ran, until the last one stopped
     * @param sortedLatencies every recorded send latency in nanoseconds, sorted
     */
    record Outcome(long startNanos, double seconds, long sent, long failures, long[] sortedLatencies) {
        double tps() {
            return sent / seconds;
        }

        double percentileMillis(double q) {
            return BenchSupport.percentileMillis(sortedLatencies, q);
        }
    }

    private TimedSends() {
    }

    static Outcome run(DefaultMQProducer producer, String topic, byte[] body, int threads, int seconds)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failures = new AtomicLong();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            latencies[t] = new long[4_000_000 / threads];
            senders.add(new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        if (producer.send(new Message(topic, body)).getSendStatus() != SendStatus.SEND_OK) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    if (counts[index] < latencies[index].length) {
                        latencies[index][counts[index]++] = System.nanoTime() - start;
                    }
                }
            }, "sender-" + t));
        }
        long startNanos = System.nanoTime();
        senders.forEach(Thread::start);
        TimeUnit.SECONDS.sleep(seconds);
        running.set(false);
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long sent = 0;
        for (int count : counts) {
            sent += count;
        }
        return new Outcome(startNanos, elapsed, sent, failures.get(), BenchSupport.sortedLatencies(latencies, counts));
    }
}
