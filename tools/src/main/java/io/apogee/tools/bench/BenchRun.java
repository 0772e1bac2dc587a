package io.apogee.tools.bench;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.Producer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code mqbench} run: checks that the cluster answers, starts the consumer and the senders the
 * mode asks for, reports once a second until the duration ends or {@link #stop()} is called (from the
 * SIGINT hook), then stops the load and prints the summary. Used by one thread, except {@link #stop()}.
 */
public final class BenchRun {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 2;
    private static final String PROBE_GROUP = "mqbench_probe";

    private final BenchOptions options;
    private final BenchReporter reporter;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public BenchRun(BenchOptions options, BenchReporter reporter, PrintStream err) {
        this.options = options;
        this.reporter = reporter;
        this.err = err;
    }

    /** Asks a running {@link #run()} to stop and print its summary. Thread-safe, idempotent. */
    public void stop() {
        stopRequested.countDown();
    }

    /** @return {@link #EXIT_OK}, or {@link #EXIT_FAILED} when the cluster could not be used */
    public int run() throws InterruptedException {
        Producer producer = null;
        BenchConsumer consumer = null;
        try {
            try {
                producer = BenchClients.producer(options, options.mode().sends() ? BenchOptions.PRODUCER_GROUP : PROBE_GROUP);
                probe(producer);
                if (!options.mode().sends()) {
                    producer.close();
                    producer = null;
                }
                if (options.mode() == BenchMode.E2E) {
                    // The consumer subscribes to a topic that exists: the first send makes the broker create a
                    // new topic and register it with the name servers, where the consumer looks it up.
                    producer.send(Message.builder().topic(options.topic()).body(new byte[options.messageSize()])
                            .build());
                }
                if (options.mode().receives()) {
                    consumer = BenchClients.consumer(options);
                }
            } catch (RuntimeException e) {
                err.println("mqbench: cannot use the cluster behind name server(s) " + options.namesrvAddr() + ": "
                        + Meter.describe(e));
                return EXIT_FAILED;
            }
            return measure(producer, consumer);
        } finally {
            if (consumer != null) {
                consumer.close();
            }
            if (producer != null) {
                producer.close();
            }
        }
    }

    /** A route lookup of the topic: fails within the client's bounded wait when no name server answers. */
    private void probe(Producer producer) {
        producer.publishQueues(options.topic());
    }

    private int measure(Producer producer, BenchConsumer consumer) throws InterruptedException {
        List<Meter> meters = new ArrayList<>();
        Meter sent = options.mode().sends() ? new Meter("send") : null;
        Meter received = options.mode().receives() ? new Meter("receive") : null;
        if (sent != null) {
            meters.add(sent);
        }
        if (received != null) {
            meters.add(received);
        }
        reporter.started(options);
        long start = System.nanoTime();
        StatsCollector stats = new StatsCollector(meters, start);
        if (consumer != null) {
            consumer.start(message -> receive(received, message), received::failure);
        }
        ProduceLoad load = null;
        if (producer != null) {
            load = new ProduceLoad(options, producer, sent);
            load.start();
        }
        long end = options.runsForever() ? Long.MAX_VALUE : start + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        long second = 0;
        while (true) {
            long nextTick = start + TimeUnit.SECONDS.toNanos(second + 1);
            long wakeAt = Math.min(nextTick, end);
            if (stopRequested.await(Math.max(0, wakeAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            if (wakeAt == end && end < nextTick) {
                break;
            }
            second++;
            reporter.interval(options.mode(), second, stats.tick(System.nanoTime()));
            if (nextTick >= end) {
                break;
            }
        }
        if (load != null) {
            load.stop();
        }
        stats.tick(System.nanoTime()); // the part second since the last line counts in the summary
        List<SideStats> summary = stats.summary();
        reporter.summary(options.mode(), stats.elapsedSeconds(), summary);
        if (sent != null && summary.get(0).messages() == 0 && summary.get(0).errors() > 0) {
            err.println("mqbench: no message was sent; last error: " + summary.get(0).lastError());
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    private static void receive(Meter meter, ReceivedMessage message) {
        // Born timestamp to now: both clocks are this host's for e2e; across hosts the skew adds in.
        long latencyMillis = System.currentTimeMillis() - message.bornTimestamp();
        meter.successMicros(message.body().length, TimeUnit.MILLISECONDS.toMicros(latencyMillis));
    }
}
