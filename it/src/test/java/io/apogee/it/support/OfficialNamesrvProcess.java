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
 * The official RocketMQ 5.3.3 name server ({@code org.apache.rocketmq.namesrv.NamesrvStartup}) in a
 * child JVM on the test class path, as the reference to compare ours with. Like the broker it refuses
 * to start without {@code ROCKETMQ_HOME}.
 */
public final class OfficialNamesrvProcess extends ChildProcess {
    public static final String BOOT_MARKER = "The Name Server boot success";
    public static final Duration BOOT_DEADLINE = Duration.ofSeconds(60);

    private final int port;

    private OfficialNamesrvProcess(int port, List<String> command, Map<String, String> env, Path dir)
            throws IOException {
        super("official-namesrv", command, env, dir, false);
        this.port = port;
    }

    public static OfficialNamesrvProcess start() throws IOException {
        Path dir = Files.createTempDirectory("official-namesrv-");
        OfficialNamesrvProcess namesrv = null;
        try {
            int port = FreePorts.one();
            Properties conf = new Properties();
            conf.setProperty("listenPort", Integer.toString(port));
            conf.setProperty("bindAddress", "127.0.0.1");
            conf.setProperty("kvConfigPath", dir.resolve("namesrv").resolve("kvConfig.json").toString());
            conf.setProperty("configStorePath", dir.resolve("namesrv").resolve("namesrv.properties").toString());
            Path confFile = dir.resolve("namesrv.conf");
            try (Writer out = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
                conf.store(out, "official name server for an Apogee integration test");
            }
            List<String> command = List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-Duser.home=" + dir,
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.rocketmq.namesrv.NamesrvStartup", "-c", confFile.toString());
            namesrv = new OfficialNamesrvProcess(port, command, Map.of("ROCKETMQ_HOME", dir.toString()), dir);
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

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }
}
