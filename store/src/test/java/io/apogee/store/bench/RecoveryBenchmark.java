package io.apogee.store.bench;

import io.apogee.common.message.MessageRecord;
import io.apogee.store.MessageStore;
import io.apogee.store.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Recovery time after SIGKILL with a 1 GiB CommitLog: a child JVM fills the log with 1 KiB messages
 * (ASYNC_FLUSH, index on), reports, and is killed; the parent then times opening the store, which
 * runs the abnormal recovery (CRC check of every record, consume queues and index replayed).
 * Run like {@link StoreBenchmark}, with {@code io.apogee.store.bench.RecoveryBenchmark [dataDir]}.
 */
public final class RecoveryBenchmark {
    private static final long ONE_GIB = 1L << 30;

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("--child")) {
            fill(Path.of(args[0]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "apogee-recovery-bench");
        StoreBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), RecoveryBenchmark.class.getName(),
                dir.toString(), "--child").redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("FILLED")) {
                // skip child log lines
            }
            System.out.println("child: " + line);
        }
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
        long start = System.nanoTime();
        try (MessageStore store = MessageStore.open(config(dir), Clock.systemUTC())) {
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("| recovery after SIGKILL, %d MiB CommitLog, %d records | %d ms (open), %d ms (recovery) |%n",
                    store.commitLogMaxOffset() >> 20, store.recovery().recordsScanned(), openMillis,
                    store.recovery().millis());
        }
        StoreBenchmark.deleteTree(dir);
    }

    private static StoreConfig config(Path dir) {
        return StoreConfig.builder().storePathRootDir(dir).build();
    }

    private static void fill(Path dir) {
        MessageStore store = MessageStore.open(config(dir), Clock.systemUTC());
        MessageRecord m = StoreBenchmark.message(1024);
        int i = 0;
        while (store.commitLogMaxOffset() < ONE_GIB) {
            store.put(m.toBuilder().queueId(i++ % 8).build()).join();
        }
        System.out.println("FILLED " + store.commitLogMaxOffset() + " bytes, " + i + " messages");
        System.out.flush();
        // Wait to be killed; bounded so a lost parent does not leave us running forever.
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
