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
 * Arguments: data directory, seconds per SYNC_FLUSH case (5), MiB per ASYNC_FLUSH case (1024).
 * Cases: 128 B, 1 KiB and 16 KiB bodies, 1 and 8 writer threads, ASYNC_FLUSH and SYNC_FLUSH, each in
 * a fresh store. ASYNC_FLUSH cases write a fixed volume and stop the clock only once it is forced,
 * compared with a sequential write of the same volume forced once at the end. SYNC_FLUSH cases run
 * for a fixed time, compared with a loop of 4 KiB writes each forced.
 * Recovery time after SIGKILL is measured by {@link RecoveryBenchmark}.
 */
public final class StoreBenchmark {
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "apogee-store-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long volume = (args.length > 2 ? Long.parseLong(args[2]) : 1024) << 20;
        deleteTree(root);
        Files.createDirectories(root);
        System.out.printf("cores=%d, java=%s, dir=%s, ASYNC cases write %d MiB, SYNC cases run %d s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), root, volume >> 20,
                seconds);

        double seqMBs = sequentialWriteMBs(root.resolve("seq"), volume);
        double fsyncPerSec = forcedWritesPerSecond(root.resolve("fsync"), seconds);
        System.out.printf("| disk: sequential write of %d MiB, one force at the end | %.0f MB/s |%n", volume >> 20,
                seqMBs);
        System.out.printf("| disk: 4 KiB write + force, in a loop | %.0f writes/s |%n", fsyncPerSec);

        System.out.println("| flush | body | writers | msgs/s | MB/s (records) | vs. disk | puts per force |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (FlushDiskType flush : FlushDiskType.values()) {
            for (int size : new int[] {128, 1024, 16 * 1024}) {
                for (int writers : new int[] {1, 8}) {
                    Path dir = root.resolve(flush + "-" + size + "-" + writers);
                    double[] r = flush == FlushDiskType.ASYNC_FLUSH
                            ? runVolume(dir, size, writers, volume)
                            : runTimed(dir, size, writers, seconds);
                    String vsDisk = flush == FlushDiskType.ASYNC_FLUSH
                            ? String.format(Locale.ROOT, "%.0f%% of seq. MB/s", 100 * r[1] / seqMBs)
                            : String.format(Locale.ROOT, "%.1f× forced writes/s", r[0] / fsyncPerSec);
                    System.out.printf(Locale.ROOT, "| %s | %d B | %d | %,.0f | %.1f | %s | %.1f |%n", flush, size,
                            writers, r[0], r[1], vsDisk, r[2]);
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

    /**
     * ASYNC_FLUSH: puts until {@code volume} bytes are in the log, then closes the store, which forces
     * everything; the clock runs until then, so the page cache cannot flatter the result.
     */
    private static double[] runVolume(Path dir, int bodySize, int writers, long volume) throws Exception {
        StoreConfig config = StoreConfig.builder().storePathRootDir(dir).flushDiskType(FlushDiskType.ASYNC_FLUSH)
                .messageIndexEnable(false).build();
        AtomicLong count = new AtomicLong();
        MessageStore store = MessageStore.open(config, Clock.systemUTC());
        try {
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                MessageRecord m = message(bodySize).toBuilder().queueId(w).build();
                Thread t = new Thread(() -> {
                    while (store.commitLogMaxOffset() < volume) {
                        if (store.put(m).join().isOk()) {
                            count.incrementAndGet();
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(600_000);
            }
            long bytes = store.commitLogMaxOffset();
            long forces = store.commitLogForceCount();
            store.close();
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new double[] {count.get() / elapsed, bytes / elapsed / 1e6, (double) count.get() / Math.max(1, forces)};
        } finally {
            store.close();
            deleteTree(dir);
        }
    }

    /** SYNC_FLUSH: every put waits for the disk; runs for a fixed time after a warm-up. */
    private static double[] runTimed(Path dir, int bodySize, int writers, int seconds) throws Exception {
        StoreConfig config = StoreConfig.builder().storePathRootDir(dir).flushDiskType(FlushDiskType.SYNC_FLUSH)
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
