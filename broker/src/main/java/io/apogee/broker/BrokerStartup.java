package io.apogee.broker;

import io.apogee.common.daemon.DaemonCommandLine;
import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.cli.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mqbroker}: reads the command line and the config file (broker, store and TLS keys in one
 * file, as with RocketMQ), prints or starts the broker, and stops it gracefully on SIGTERM. Exit
 * codes: 0 after {@code -p}/{@code -h}, 1 on bad arguments or config, 2 when the broker cannot start;
 * after a signal, the JVM's own (143 for SIGTERM) once the graceful stop is done.
 */
public final class BrokerStartup {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStartup.class);

    private BrokerStartup() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DaemonCommandLine.Parsed parsed = new DaemonCommandLine("mqbroker", "broker config file (key=value)")
                .withOption(Option.builder("n").longOpt("namesrvAddr").hasArg().argName("addr")
                        .desc("name server address list, e.g. 192.168.0.1:9876;192.168.0.2:9876").build())
                .parse(args, out, err);
        if (parsed.exitCode() != null) {
            return parsed.exitCode();
        }
        Properties properties = parsed.config();
        if (parsed.line().hasOption('n')) {
            properties.setProperty("namesrvAddr", parsed.line().getOptionValue('n'));
        }
        BrokerConfig config = new BrokerConfig();
        StoreConfig storeConfig;
        try {
            config.apply(properties);
            storeConfig = StoreConfig.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            err.println("mqbroker: " + e.getMessage());
            return DaemonCommandLine.EXIT_USAGE;
        }
        if (parsed.printConfigOnly()) {
            for (Map.Entry<String, String> entry : config.describe().entrySet()) {
                out.println(entry.getKey() + "=" + entry.getValue());
            }
            out.println("storePathRootDir=" + storeConfig.storePathRootDir());
            return DaemonCommandLine.EXIT_OK;
        }
        if (config.namesrvAddrs().isEmpty()) {
            err.println("mqbroker: no name server: set namesrvAddr in the config file or pass -n host:port");
            return DaemonCommandLine.EXIT_USAGE;
        }
        Properties tlsProperties = new Properties();
        tlsProperties.putAll(properties);
        tlsProperties.putAll(System.getProperties());
        // As RocketMQ: the broker's own client (to name servers and peers) uses TLS when tls.enable says
        // so, and by default when its server enforces TLS (its peers then most likely do too).
        if (tlsProperties.getProperty(TlsConfig.CLIENT_ENABLE, "").isBlank()) {
            tlsProperties.setProperty(TlsConfig.CLIENT_ENABLE, Boolean.toString(
                    "enforcing".equalsIgnoreCase(tlsProperties.getProperty(TlsConfig.SERVER_MODE, "").trim())));
        }
        BrokerController controller;
        try {
            controller = new BrokerController(config, storeConfig, TlsConfig.from(tlsProperties), Clock.systemUTC());
            controller.start();
        } catch (IOException | RuntimeException e) {
            err.println("mqbroker: cannot start: " + e.getMessage());
            LOG.error("broker failed to start", e);
            return DaemonCommandLine.EXIT_START_FAILED;
        }
        out.println("The broker[" + config.brokerName() + ", " + config.brokerAddr(controller.port())
                + "] boot success. serializeType=JSON and name server is " + config.namesrvAddr());
        out.flush();
        return DaemonCommandLine.runUntilStopped(controller::shutdown, "broker-shutdown");
    }
}
