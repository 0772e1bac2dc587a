package io.apogee.namesrv;

import io.apogee.remoting.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * {@code mqnamesrv}: reads the command line and config file, prints or starts the name server, and
 * stops it gracefully on SIGTERM. Exit codes: 0 after a clean stop or {@code -p}/{@code -h}, 1 on bad
 * arguments or config, 2 when the server cannot start.
 */
public final class NamesrvStartup {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvStartup.class);

    private NamesrvStartup() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options()
                .addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file")
                        .desc("name server config file (key=value)").build())
                .addOption(Option.builder("p").longOpt("printConfigItem").desc("print the effective config and exit").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build())
                .addOption(Option.builder("n").longOpt("namesrvAddr").hasArg()
                        .desc("accepted for compatibility; a name server needs no name server").build());
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println("mqnamesrv: " + e.getMessage());
            printHelp(options, err);
            return 1;
        }
        if (line.hasOption('h')) {
            printHelp(options, out);
            return 0;
        }
        NamesrvConfig config = new NamesrvConfig();
        Properties fileProperties = new Properties();
        try {
            if (line.hasOption('c')) {
                Path file = Path.of(line.getOptionValue('c'));
                try (InputStream in = Files.newInputStream(file)) {
                    fileProperties.load(in);
                }
                List<String> unknown = config.apply(fileProperties);
                if (!unknown.isEmpty()) {
                    err.println("mqnamesrv: ignoring unknown config keys " + unknown);
                }
            }
        } catch (IOException e) {
            err.println("mqnamesrv: cannot read config file: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("mqnamesrv: " + e.getMessage());
            return 1;
        }
        if (line.hasOption('p')) {
            out.print(config.describe());
            return 0;
        }
        Properties tlsProperties = new Properties();
        tlsProperties.putAll(fileProperties);
        tlsProperties.putAll(System.getProperties());
        NamesrvController controller;
        try {
            controller = new NamesrvController(config, TlsConfig.from(tlsProperties));
            controller.start();
        } catch (IOException | RuntimeException e) {
            err.println("mqnamesrv: cannot start: " + e.getMessage());
            LOG.error("name server failed to start", e);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controller.shutdown();
            stopped.countDown();
        }, "namesrv-shutdown"));
        out.println("The Name Server boot success. serializeType=JSON, address " + config.bindAddress() + ":" + controller.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printHelp(Options options, PrintStream to) {
        java.io.PrintWriter writer = new java.io.PrintWriter(to);
        new HelpFormatter().printHelp(writer, 100, "mqnamesrv", null, options, 2, 2, null, true);
        writer.flush();
    }
}
