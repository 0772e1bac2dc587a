package io.apogee.bench.client;

import com.sun.management.ThreadMXBean;
import io.apogee.bench.BenchSupport;
import io.apogee.bench.broker.BrokerProcess;
import io.apogee.namesrv.NamesrvController;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Our client against the official 5.3.3 client, both against our broker (a child process from the
 * assembled distribution) behind our name server, in one run: N sender threads doing synchronous
 * sends of one body size for a fixed time each, then each side's push consumption of the backlog from
 * the first offset with a fresh group. Rounds alternate which client goes first; the first round is a
 * warm-up and is not reported.
 *
 * <p>Allocation per message comes from {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}:
 * over the sender threads alone (what the calling threads allocate), and over every thread of this JVM
 * (adds the clients' I/O and callback threads; only one client is active at a time, and the in-process
 * name server is idle but for route polls).
 *
 * <p>Run: {@code bench/client-bench.sh [seconds] [threads] [bytes] [rounds]}.
 */
public final class ClientBenchmark {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ClientBenchmark() {
    }

    record SendFigures(String side, long sent, long failures, double tps, double p50Ms, double p99Ms,
            double p999Ms, double senderBytesPerMsg, double processBytesPerMsg, String topOtherThreads) {
    }

    record ConsumeFigures(String side, String kind, long received, double tps, double processBytesPerMsg) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Path distribution = Path.of(System.getProperty("apogee.distribution", "distribution/target"));
        Path home;
        try (var entries = Files.list(distribution)) {
            home = entries.filter(p -> Files.isExecutable(p.resolve("bin").resolve("mqbroker"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no distribution under " + distribution));
        }
        Path work = Files.createTempDirectory("client-bench");
        System.out.printf("clients: %d sender threads, %d-byte bodies, sync sends, %d s per client; %d rounds "
                + "(the first a warm-up); %d cores; work dir %s%n", threads, size, seconds, rounds,
                Runtime.getRuntime().availableProcessors(), work);
        NamesrvController namesrv = BenchSupport.startNamesrv(work.resolve("namesrv"), "disabled");
        String namesrvAddr = "127.0.0.1:" + namesrv.port();
        List<SendFigures> sends = new ArrayList<>();
        List<ConsumeFigures> consumes = new ArrayList<>();
        try (BrokerProcess broker = BrokerProcess.start("apogee", home, work.resolve("broker"), namesrvAddr,
                BenchSupport.freePortWithNeighbours(), 1024);
                BenchClient ours = new OursBenchClient(namesrvAddr);
                BenchClient official = new OfficialBenchClient(namesrvAddr)) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            for (int round = 0; round < rounds; round++) {
                String topic = "ClientBench" + round;
                List<BenchClient> order = round % 2 == 0 ? List.of(ours, official) : List.of(official, ours);
                long backlog = 0;
                for (BenchClient client : order) {
                    for (int i = 0; i < 100; i++) {
                        client.send(topic, body); // creates the topic, warms the route and the connection
                    }
                    backlog += 100;
                    SendFigures figures = sendPhase(client, topic, body, threads, seconds);
                    backlog += figures.sent();
                    System.out.printf("round %d %s%n", round, figures);
                    if (round > 0) {
                        sends.add(figures);
                    }
                }
                for (BenchClient client : order) {
                    ConsumeFigures figures = consumePhase(client, topic, "client_bench_" + client.name() + "_" + round,
                            backlog);
                    System.out.printf("round %d %s%n", round, figures);
                    if (round > 0) {
                        consumes.add(figures);
                    }
                }
            }
        } finally {
            namesrv.shutdown();
        }
        printTables(sends, consumes);
        System.exit(0);
    }

    private static SendFigures sendPhase(BenchClient client, String topic, byte[] body, int threads, int seconds)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failures = new AtomicLong();
        long[][] latencies = new long[threads][4_000_000 / threads];
        int[] counts = new int[threads];
        long[] allocated = new long[threads];
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            senders.add(new Thread(() -> {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                long[] mine = latencies[index];
                int count = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        client.send(topic, body);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    if (count < mine.length) {
                        mine[count++] = System.nanoTime() - start;
                    }
                }
                allocated[index] = THREADS.getCurrentThreadAllocatedBytes() - before;
                counts[index] = count;
            }, "bench-sender-" + t));
        }
        Map<String, Long> threadsBefore = allocatedByThreadName();
        long processBefore = processAllocatedBytes();
        long startNanos = System.nanoTime();
        senders.forEach(Thread::start);
        TimeUnit.SECONDS.sleep(seconds);
        running.set(false);
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        // The senders have ended, so the live-thread sum covers the other threads only; add the senders'.
        long otherAllocated = processAllocatedBytes() - processBefore;
        String topOthers = topDeltas(threadsBefore, allocatedByThreadName());
        long[] all = BenchSupport.sortedLatencies(latencies, counts);
        long sent = all.length;
        long senderAllocated = Arrays.stream(allocated).sum();
        return new SendFigures(client.name(), sent, failures.get(), sent / elapsed,
                BenchSupport.percentileMillis(all, 0.50), BenchSupport.percentileMillis(all, 0.99),
                BenchSupport.percentileMillis(all, 0.999), (double) senderAllocated / Math.max(1, sent),
                (double) (senderAllocated + otherAllocated) / Math.max(1, sent), topOthers);
    }

    private static ConsumeFigures consumePhase(BenchClient client, String topic, String group, long backlog)
            throws Exception {
        LongAdder received = new LongAdder();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        long processBefore = processAllocatedBytes();
        long processAllocated;
        client.startConsumer(topic, group, received, first, last);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (received.sum() < backlog && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            // Before the stop: the consumer's threads end with it, and ended threads are not counted.
            processAllocated = processAllocatedBytes() - processBefore;
        } finally {
            client.stopConsumer();
        }
        long count = received.sum();
        double elapsed = Math.max(1e-9, (last.get() - first.get()) / 1e9);
        return new ConsumeFigures(client.name(), client.consumerKind(), count, count / elapsed,
                (double) processAllocated / Math.max(1, count));
    }

    /** Bytes allocated so far by the live threads of this JVM (threads that ended are not counted). */
    private static long processAllocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(ids)) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }

    /** Bytes allocated so far per live thread, by name with digits folded (pool members add up). */
    private static Map<String, Long> allocatedByThreadName() {
        Map<String, Long> byName = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long bytes = THREADS.getThreadAllocatedBytes(info.getThreadId());
                if (bytes > 0) {
                    byName.merge(info.getThreadName().replaceAll("[0-9]+", "N"), bytes, Long::sum);
                }
            }
        }
        return byName;
    }

    /** The three thread names that allocated most between the snapshots, in MiB: where a side's bytes go. */
    private static String topDeltas(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + "=" + e.getValue() / (1024 * 1024) + "MiB").collect(Collectors.joining(", "));
    }

    private static void printTables(List<SendFigures> sends, List<ConsumeFigures> consumes) {
        System.out.println();
        System.out.println("| client | sent | send TPS | p50 ms | p99 ms | p999 ms | alloc B/msg (senders) | alloc B/msg (all threads) | failures |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (SendFigures f : sends) {
            System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.0f | %.0f | %d |%n", f.side(), f.sent(), f.tps(),
                    f.p50Ms(), f.p99Ms(), f.p999Ms(), f.senderBytesPerMsg(), f.processBytesPerMsg(), f.failures());
        }
        System.out.println();
        System.out.println("| client | consumer | received | consume TPS | alloc B/msg (all threads) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (ConsumeFigures f : consumes) {
            System.out.printf("| %s | %s | %d | %.0f | %.0f |%n", f.side(), f.kind(), f.received(), f.tps(),
                    f.processBytesPerMsg());
        }
    }
}
