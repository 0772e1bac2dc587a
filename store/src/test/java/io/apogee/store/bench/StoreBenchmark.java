package io.apogee.store.bench;

import io.apogee.common.message.MessageRecord;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStore;
import io.apogee.store.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Store throughput beside the disk's own limits, measured in one run. Not a unit test (surefire
 * ignores it by name). Run from the repository root:
 *
 * <pre>
 * mvn -q -B -pl common,store -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp store/target/test-classes:store/target/classes:common/target/classes:$(cat store/target/cp.txt) \
 *      io.apogee.store.bench.StoreBenchmark [dataDir] [secondsPerCase]
 * </pre>
 *
 * Cases: 128 B, 1 KiB and 16 KiB bodies, 1 and 8 writer threads, ASYNC_FLUSH and SYNC_FLUSH. Each
 * case writes into a fresh store for a fixed time after a short warm-up. The disk is measured with
 * a sequential write of 1 GiB forced once at the end, and with a loop of 4 KiB writes each forced.
 * Recovery time after SIGKILL is measured by {@link RecoveryBenchmark}.
 */
public final class StoreBenchmark {
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "apogee-store-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("cores=%d, java=%s, dir=%s, %d s per case%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), root, seconds);

        double seqMBs = sequentialWriteMBs(root.resolve("seq"), 1L << 30);
        double fsyncPerSec = forcedWritesPerSecond(root.resolve("fsync"), seconds);
        System.out.printf("| disk: sequential write 1 GiB, one force at the end | %.0f MB/s |%n", seqMBs);
        System.out.printf("| disk: 4 KiB write + force, loop | %.0f ops/s |%n", fsyncPerSec);

        System.out.println("| flush | body | writers | msgs/s | MB/s (records) | % of seq. disk bw | puts per force |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (FlushDiskType flush : FlushDiskType.values()) {
            for (int size : new int[] {128, 1024, 16 * 1024}) {
                for (int writers : new int[] {1, 8}) {
                    double[] r = runCase(root.resolve(flush + "-" + size + "-" + writers), flush, size, writers, seconds);
                    System.out.printf(Locale.ROOT, "| %s | %d B | %d | %,.0f | %.1f | %.0f%% | %.1f |%n", flush, size,
                            writers, r[0], r[1], 100 * r[1] / seqMBs, r[2]);
                }
            }
        }
        deleteTree(root);
    }

    static MessageRecord message(int bodySize) {
        return MessageRecord.builder().topic("BenchmarkTest").queueId(0).body(new byte[bodySize])
                .properties("TAGS\u0001bench\u0002WAIT\u0001true\u0002").bornTimestamp(System.currentTimeMillis())
                .bornHost(HOST).storeHost(HOST).build();
    }

    /** Returns {messages per second, record megabytes per second, puts per force}. */
    private static double[] runCase(Path dir, FlushDiskType flush, int bodySize, int writers, int seconds)
            throws Exception {
        StoreConfig config = StoreConfig.builder().storePathRootDir(dir).flushDiskType(flush)
                .messageIndexEnable(false).build();
        AtomicLong count = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC())) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int queue = w;
                Thread t = new Thread(() -> {
                    MessageRecord m = message(bodySize).toBuilder().queueId(queue).build();
                    while (!stop.get()) {
                        CompletableFuture<io.apogee.store.PutMessageResult> f = store.put(m);
                        io.apogee.store.PutMessageResult r = f.join();
                        if (measuring.get() && r.isOk()) {
                            count.incrementAndGet();
                            bytes.addAndGet(r.append().wroteBytes());
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            Thread.sleep(1000); // warm-up: JIT and first page faults, not synchronisation
            long forcesBefore = store.commitLogForceCount();
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long forces = Math.max(1, store.commitLogForceCount() - forcesBefore);
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            return new double[] {count.get() / elapsed, bytes.get() / elapsed / 1e6, (double) count.get() / forces};
        } finally {
            deleteTree(dir);
        }
    }

    private static double sequentialWriteMBs(Path file, long volume) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < volume; written += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
            ch.force(false);
        }
        double mbs = volume / ((System.nanoTime() - start) / 1e9) / 1e6;
        Files.delete(file);
        return mbs;
    }

    private static double forcedWritesPerSecond(Path file, int seconds) throws IOException {
        ByteBuffer page = ByteBuffer.allocateDirect(4096);
        long ops = 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < deadline) {
                page.clear();
                ch.write(page);
                ch.force(false);
                ops++;
            }
        }
        double rate = ops / ((System.nanoTime() - start) / 1e9);
        Files.delete(file);
        return rate;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
