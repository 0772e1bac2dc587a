package io.apogee.tools.bench;

/**
 * A checked {@code mqbench} command line.
 *
 * @param threads sender threads (produce, e2e) or consumer threads (consume)
 * @param durationSeconds how long to run; 0 runs until interrupted
 * @param group the consumer group (consume, e2e)
 * @param accessKey the ACL access key, or null for an anonymous client
 */
public record BenchOptions(BenchMode mode, String namesrvAddr, String topic, int threads, int messageSize,
        long durationSeconds, String group, SendMode sendMode, int maxInFlight, boolean json, String accessKey,
        String secretKey, boolean tls) {
    public static final String DEFAULT_NAMESRV = "127.0.0.1:9876";
    public static final String DEFAULT_TOPIC = "BenchmarkTest";
    public static final String DEFAULT_GROUP = "mqbench_consumer";
    public static final String PRODUCER_GROUP = "mqbench_producer";
    public static final int DEFAULT_SIZE = 1024;
    public static final long DEFAULT_DURATION_SECONDS = 60;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The consumer threads of an e2e run, whose {@code --threads} counts the senders. */
    public static final int E2E_CONSUMER_THREADS = BenchMode.CONSUME.defaultThreads();

    public boolean runsForever() {
        return durationSeconds == 0;
    }

    public boolean authenticated() {
        return accessKey != null;
    }

    public int consumerThreads() {
        return mode == BenchMode.CONSUME ? threads : E2E_CONSUMER_THREADS;
    }
}
