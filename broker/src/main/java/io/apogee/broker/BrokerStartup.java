package io.apogee.broker;

import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mqbroker}: reads the command line and the config file (broker, store and TLS keys in one
 * file, as with RocketMQ), prints or starts the broker, and stops it gracefully on SIGTERM. Exit
 * codes: 0 after a clean stop or {@code -p}/{@code -h}, 1 on bad arguments or config, 2 when the
 * broker cannot start.
 */
public final class BrokerStartup {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStartup.class);

    private BrokerStartup() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options()
                .addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file")
                        .desc("broker config file (key=value)").build())
                .addOption(Option.builder("n").longOpt("namesrvAddr").hasArg().argName("addr")
                        .desc("name server address list, e.g. 192.168.0.1:9876;192.168.0.2:9876").build())
                .addOption(Option.builder("p").longOpt("printConfigItem").desc("print the effective config and exit").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("mqbroker: " + e.getMessage());
            printHelp(options, err);
            return 1;
        }
        if (line.hasOption('h')) {
            printHelp(options, out);
            return 0;
        }
        Properties properties = new Properties();
        BrokerConfig config = new BrokerConfig();
        StoreConfig storeConfig;
        try {
            if (line.hasOption('c')) {
                try (InputStream in = Files.newInputStream(Path.of(line.getOptionValue('c')))) {
                    properties.load(in);
                }
            }
            if (line.hasOption('n')) {
                properties.setProperty("namesrvAddr", line.getOptionValue('n'));
            }
            config.apply(properties);
            storeConfig = StoreConfig.fromProperties(properties);
        } catch (IOException e) {
            err.println("mqbroker: cannot read config file: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("mqbroker: " + e.getMessage());
            return 1;
        }
        if (line.hasOption('p')) {
            for (Map.Entry<String, String> entry : config.describe().entrySet()) {
                out.println(entry.getKey() + "=" + entry.getValue());
            }
            out.println("storePathRootDir=" + storeConfig.storePathRootDir());
            return 0;
        }
        if (config.namesrvAddrs().isEmpty()) {
            err.println("mqbroker: no name server: set namesrvAddr in the config file or pass -n host:port");
            return 1;
        }
        Properties tlsProperties = new Properties();
        tlsProperties.putAll(properties);
        tlsProperties.putAll(System.getProperties());
        BrokerController controller;
        try {
            controller = new BrokerController(config, storeConfig, TlsConfig.from(tlsProperties), Clock.systemUTC());
            controller.start();
        } catch (IOException | RuntimeException e) {
            err.println("mqbroker: cannot start: " + e.getMessage());
            LOG.error("broker failed to start", e);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controller.shutdown();
            stopped.countDown();
        }, "broker-shutdown"));
        out.println("The broker[" + config.brokerName() + ", " + config.brokerAddr(controller.port())
                + "] boot success. serializeType=JSON and name server is " + config.namesrvAddr());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printHelp(Options options, PrintStream to) {
        PrintWriter writer = new PrintWriter(to);
        new HelpFormatter().printHelp(writer, 100, "mqbroker", null, options, 2, 2, null, true);
        writer.flush();
    }
}
