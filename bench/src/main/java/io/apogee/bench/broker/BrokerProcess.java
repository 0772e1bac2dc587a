package io.apogee.bench.broker;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A broker under test in a child process, ours (from the assembled distribution) or the official one
 * (from the benchmark jar's class path), configured alike: loopback, async flush, the same heap. Reads
 * its CPU time and resident memory from /proc. Not thread-safe; one benchmark thread drives it.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final String side;
    private final Process process;
    private final Path output;

    private BrokerProcess(String side, Process process, Path output) {
        this.side = side;
        this.process = process;
        this.output = output;
    }

    public static BrokerProcess start(String side, Path distribution, Path dir, String namesrv, int port, int heapMb)
            throws IOException {
        return start(side, distribution, dir, namesrv, port, heapMb, Map.of());
    }

    /** As {@link #start(String, Path, Path, String, int, int)}, with {@code extraConfig} added to the config file. */
    static BrokerProcess start(String side, Path distribution, Path dir, String namesrv, int port, int heapMb,
            Map<String, String> extraConfig) throws IOException {
        return start(side, distribution, dir, namesrv, port, heapMb, extraConfig, null);
    }

    /**
     * As {@link #start(String, Path, Path, String, int, int, Map)}, the process confined to {@code cpus} (a
     * {@code taskset -c} list such as {@code 0}; null for no confinement) from its first instruction.
     */
    static BrokerProcess start(String side, Path distribution, Path dir, String namesrv, int port, int heapMb,
            Map<String, String> extraConfig, String cpus) throws IOException {
        Files.createDirectories(dir);
        Properties conf = new Properties();
        conf.setProperty("brokerClusterName", "BenchCluster");
        conf.setProperty("brokerName", "bench-" + side);
        conf.setProperty("brokerId", "0");
        conf.setProperty("brokerIP1", "127.0.0.1");
        conf.setProperty("bindAddress", "127.0.0.1");
        conf.setProperty("listenPort", Integer.toString(port));
        conf.setProperty("namesrvAddr", namesrv);
        conf.setProperty("storePathRootDir", dir.resolve("store").toString());
        conf.setProperty("flushDiskType", "ASYNC_FLUSH");
        conf.setProperty("autoCreateTopicEnable", "true");
        if (side.equals("official")) {
            conf.setProperty("storePathCommitLog", dir.resolve("store").resolve("commitlog").toString());
            conf.setProperty("timerWheelEnable", "false");
        }
        extraConfig.forEach(conf::setProperty);
        Path confFile = dir.resolve("broker.conf");
        try (Writer out = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
            conf.store(out, "benchmark broker");
        }
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus)); // execs the broker: the pid stays the broker's
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (side.equals("apogee")) {
            command.addAll(List.of(distribution.resolve("bin").resolve("mqbroker").toString(), "-c", confFile.toString()));
            builder.environment().putAll(Map.of("APOGEE_BROKER_HEAP_MB", Integer.toString(heapMb),
                    "APOGEE_LOG_DIR", dir.resolve("logs").toString(), "JAVA_HOME", System.getProperty("java.home")));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-XX:+UseG1GC", "-Duser.home=" + dir,
                    "-cp", System.getProperty("java.class.path"), "org.apache.rocketmq.broker.BrokerStartup",
                    "-c", confFile.toString()));
            builder.environment().put("ROCKETMQ_HOME", dir.toString());
        }
        Path output = dir.resolve("stdout.log");
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        BrokerProcess broker = new BrokerProcess(side, builder.start(), output);
        broker.awaitBoot();
        return broker;
    }

    private void awaitBoot() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.readString(output).contains("boot success")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException(side + " broker exited: " + Files.readString(output));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException(side + " broker did not boot within 90 s: " + Files.readString(output));
    }

    /** CPU time (user + system) the broker process has used so far, in milliseconds. */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** The broker's process id (its CPU time is read from /proc under it). */
    long pid() {
        return process.pid();
    }

    /** Resident memory of the broker process, in MiB. */
    long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
