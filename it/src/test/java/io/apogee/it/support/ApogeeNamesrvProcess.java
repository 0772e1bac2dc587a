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
import java.util.stream.Stream;

/**
 * Our name server as an operator runs it: {@code bin/mqnamesrv -c namesrv.conf} from the distribution
 * the reactor assembled ({@code ../distribution/target/apogee-VERSION/}), on a free loopback port, with
 * its KV file, config file, logs and home in a temporary directory. Stopped with SIGTERM, as
 * {@code mqshutdown} does.
 */
public final class ApogeeNamesrvProcess extends ChildProcess {
    public static final String BOOT_MARKER = "The Name Server boot success";
    public static final Duration BOOT_DEADLINE = Duration.ofSeconds(60);

    private final int port;

    private ApogeeNamesrvProcess(int port, List<String> command, Map<String, String> env, Path dir)
            throws IOException {
        super("apogee-namesrv", command, env, dir, true);
        this.port = port;
    }

    /** The assembled distribution, relative to the {@code it} module directory. */
    public static Path distribution() throws IOException {
        Path target = Path.of("..", "distribution", "target").toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                List<Path> homes = entries
                        .filter(p -> p.getFileName().toString().startsWith("apogee-") && Files.isDirectory(p))
                        .filter(p -> Files.isExecutable(p.resolve("bin").resolve("mqnamesrv")))
                        .toList();
                if (homes.size() == 1) {
                    return homes.get(0);
                }
                if (homes.size() > 1) {
                    throw new IllegalStateException("more than one assembled distribution in " + target + ": " + homes);
                }
            }
        }
        throw new IllegalStateException("no assembled distribution with bin/mqnamesrv under " + target
                + "; build it first: mvn install -DskipTests -pl common,remoting,namesrv,distribution");
    }

    /** Starts {@code bin/mqnamesrv} with {@code extraConfig} added to the fixture's settings. */
    public static ApogeeNamesrvProcess start(Map<String, String> extraConfig) throws IOException {
        Path home = distribution();
        Path dir = Files.createTempDirectory("apogee-namesrv-");
        ApogeeNamesrvProcess namesrv = null;
        try {
            int port = FreePorts.one();
            Properties conf = new Properties();
            conf.setProperty("listenPort", Integer.toString(port));
            conf.setProperty("bindAddress", "127.0.0.1");
            conf.setProperty("kvConfigPath", dir.resolve("namesrv").resolve("kvConfig.json").toString());
            conf.setProperty("configStorePath", dir.resolve("namesrv").resolve("namesrv.properties").toString());
            extraConfig.forEach(conf::setProperty);
            Path confFile = dir.resolve("namesrv.conf");
            try (Writer out = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
                conf.store(out, "Apogee name server for an integration test");
            }
            List<String> command = List.of(home.resolve("bin").resolve("mqnamesrv").toString(), "-c", confFile.toString());
            Map<String, String> env = Map.of(
                    // Kept after the run, beside the captured stdout, for diagnosis.
                    "APOGEE_LOG_DIR", LOG_DIR.resolve("apogee-namesrv-" + port).toAbsolutePath().toString(),
                    "HOME", dir.toString(),
                    "JAVA_HOME", System.getProperty("java.home"),
                    "APOGEE_NAMESRV_HEAP_MB", "128",
                    "JAVA_OPT_EXT", "-Djava.net.preferIPv4Stack=true");
            namesrv = new ApogeeNamesrvProcess(port, command, env, dir);
            namesrv.awaitOutput(BOOT_MARKER, BOOT_DEADLINE);
            return namesrv;
        } catch (IOException | RuntimeException e) {
            if (namesrv != null) {
                namesrv.close();
            } else {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    public static ApogeeNamesrvProcess start() throws IOException {
        return start(Map.of());
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The KV file this name server persists to. */
    public Path kvConfigFile() {
        return workDir().resolve("namesrv").resolve("kvConfig.json");
    }

    /** The name server's own log files (logback, {@code APOGEE_LOG_DIR}). */
    public Path logDir() {
        return LOG_DIR.resolve("apogee-namesrv-" + port).toAbsolutePath();
    }
}
