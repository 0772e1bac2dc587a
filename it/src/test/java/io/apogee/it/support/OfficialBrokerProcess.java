package io.apogee.it.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The official RocketMQ 5.3.3 broker ({@code org.apache.rocketmq.broker.BrokerStartup}) in a child JVM
 * on the test class path, listening on loopback, with its store in a temporary directory and a small
 * footprint (64 MiB commit-log files, small consume-queue and index files, no timer wheel).
 *
 * <p>What it needs, found by trying: {@code ROCKETMQ_HOME} set (it refuses to start without), the
 * listen port {@code P} with {@code P-2} (the "fast" port) and {@code P+1} (HA, bound on every
 * interface) free. Its logs go through the shaded logback, which picks {@code rmq.logback-test.xml}
 * from the test class path (console, WARN) before its own file-based configuration; the boot line is
 * printed on stdout either way.
 */
public final class OfficialBrokerProcess extends ChildProcess {
    public static final String BOOT_MARKER = "boot success";
    public static final Duration BOOT_DEADLINE = Duration.ofSeconds(90);

    private final String clusterName;
    private final String brokerName;
    private final int port;

    private OfficialBrokerProcess(String clusterName, String brokerName, int port, List<String> command,
            Map<String, String> env, Path dir) throws IOException {
        super("official-broker-" + brokerName, command, env, dir, false);
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.port = port;
    }

    /**
     * Starts a master ({@code brokerId=0}) that registers with {@code namesrvAddr} and waits for its
     * boot line.
     *
     * @param extraConfig broker.conf entries added to (or overriding) the defaults of this fixture
     */
    public static OfficialBrokerProcess start(String clusterName, String brokerName, String namesrvAddr,
            Map<String, String> extraConfig) throws IOException {
        Path dir = Files.createTempDirectory("official-broker-");
        OfficialBrokerProcess broker = null;
        try {
            int port = FreePorts.withNeighbours(-2, 0, 1);
            Properties conf = new Properties();
            conf.setProperty("brokerClusterName", clusterName);
            conf.setProperty("brokerName", brokerName);
            conf.setProperty("brokerId", "0");
            conf.setProperty("namesrvAddr", namesrvAddr);
            conf.setProperty("brokerIP1", "127.0.0.1");
            conf.setProperty("bindAddress", "127.0.0.1");
            conf.setProperty("listenPort", Integer.toString(port));
            conf.setProperty("storePathRootDir", dir.resolve("store").toString());
            conf.setProperty("storePathCommitLog", dir.resolve("store").resolve("commitlog").toString());
            conf.setProperty("autoCreateTopicEnable", "true");
            // Small files and few threads: two shared cores, a few test messages.
            conf.setProperty("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
            conf.setProperty("mappedFileSizeConsumeQueue", Integer.toString(30_000 * 20));
            conf.setProperty("maxHashSlotNum", "10000");
            conf.setProperty("maxIndexNum", "40000");
            conf.setProperty("timerWheelEnable", "false");
            conf.setProperty("sendMessageThreadPoolNums", "2");
            conf.setProperty("pullMessageThreadPoolNums", "4");
            conf.setProperty("serverWorkerThreads", "4");
            conf.setProperty("serverSelectorThreads", "1");
            conf.setProperty("flushDiskType", "ASYNC_FLUSH");
            conf.setProperty("diskMaxUsedSpaceRatio", "95");
            // One pop-revive queue instead of 8: fewer threads (each logs every second with no timer wheel).
            conf.setProperty("reviveQueueNum", "1");
            extraConfig.forEach(conf::setProperty);
            Path confFile = dir.resolve("broker.conf");
            try (Writer out = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
                conf.store(out, "official broker for an Apogee integration test");
            }

            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms128m", "-Xmx512m",
                    "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.net.preferIPv4Stack=true", "-Duser.home=" + dir,
                    "-Drocketmq.home.dir=" + dir,
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.rocketmq.broker.BrokerStartup", "-c", confFile.toString()));
            broker = new OfficialBrokerProcess(clusterName, brokerName, port, command,
                    Map.of("ROCKETMQ_HOME", dir.toString()), dir);
            broker.awaitOutput(BOOT_MARKER, BOOT_DEADLINE);
            return broker;
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            } else {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    public String clusterName() {
        return clusterName;
    }

    public String brokerName() {
        return brokerName;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as the broker registers itself and clients connect to it. */
    public String address() {
        return "127.0.0.1:" + port;
    }
}
