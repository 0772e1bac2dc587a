package io.apogee.it.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Our broker as an operator runs it: {@code bin/mqbroker -c broker.conf} from the assembled
 * distribution, on a free loopback port, registering with the given name server, its store in a
 * temporary directory. {@link #close()} stops it with SIGTERM (a graceful stop); {@link #kill()}
 * with SIGKILL, keeping its store for a restart with {@link #restart()}.
 */
public final class ApogeeBrokerProcess extends ChildProcess {
    public static final String BOOT_MARKER = "boot success";
    public static final Duration BOOT_DEADLINE = Duration.ofSeconds(90);

    private final int port;
    private final Path confFile;
    private final Path storeDir;

    private ApogeeBrokerProcess(int port, Path confFile, Path storeDir, Path dir) throws IOException {
        super("apogee-broker-" + port, command(confFile), env(port, dir), dir, true);
        this.port = port;
        this.confFile = confFile;
        this.storeDir = storeDir;
    }

    private static List<String> command(Path confFile) throws IOException {
        return List.of(ApogeeNamesrvProcess.distribution().resolve("bin").resolve("mqbroker").toString(),
                "-c", confFile.toString());
    }

    private static Map<String, String> env(int port, Path dir) {
        return Map.of(
                "APOGEE_LOG_DIR", LOG_DIR.resolve("apogee-broker-" + port).toAbsolutePath().toString(),
                "HOME", dir.toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "APOGEE_BROKER_HEAP_MB", "384",
                "JAVA_OPT_EXT", "-Djava.net.preferIPv4Stack=true");
    }

    /**
     * Starts {@code bin/mqbroker} registered with {@code namesrvAddr}, with {@code extraConfig} added to
     * the fixture's settings (small mapped files, loopback only).
     */
    public static ApogeeBrokerProcess start(String brokerName, String namesrvAddr, Map<String, String> extraConfig)
            throws IOException {
        Path dir = Files.createTempDirectory("apogee-broker-");
        int port = FreePorts.one();
        Path storeDir = dir.resolve("store");
        Properties conf = new Properties();
        conf.setProperty("brokerClusterName", "ItCluster");
        conf.setProperty("brokerName", brokerName);
        conf.setProperty("brokerId", "0");
        conf.setProperty("brokerIP1", "127.0.0.1");
        conf.setProperty("bindAddress", "127.0.0.1");
        conf.setProperty("listenPort", Integer.toString(port));
        conf.setProperty("namesrvAddr", namesrvAddr);
        conf.setProperty("storePathRootDir", storeDir.toString());
        conf.setProperty("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
        conf.setProperty("mappedFileSizeConsumeQueue", Integer.toString(60_000));
        extraConfig.forEach(conf::setProperty);
        Path confFile = dir.resolve("broker.conf");
        try (Writer out = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
            conf.store(out, "Apogee broker for an integration test");
        }
        ApogeeBrokerProcess broker = new ApogeeBrokerProcess(port, confFile, storeDir, dir);
        try {
            broker.awaitOutput(BOOT_MARKER, BOOT_DEADLINE);
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Kills the broker with SIGKILL, as a crash would, leaving its store as it is. */
    public void kill() throws InterruptedException {
        process().destroyForcibly();
        process().waitFor();
    }

    /** A new broker process on the same port, config and store (after {@link #kill()} or a stop). */
    public ApogeeBrokerProcess restart() throws IOException {
        ApogeeBrokerProcess again = new ApogeeBrokerProcess(port, confFile, storeDir, workDir());
        again.awaitOutput(BOOT_MARKER, BOOT_DEADLINE);
        return again;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }
}
