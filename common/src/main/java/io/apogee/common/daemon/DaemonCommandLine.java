package io.apogee.common.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * What every daemon's command line shares, with RocketMQ's flags: {@code -c FILE} (a {@code key=value}
 * config file), {@code -p} (print the effective config and exit), {@code -h}, plus the daemon's own
 * options; and running until a signal asks the daemon to stop. Not thread-safe; used once from main.
 */
public final class DaemonCommandLine {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 1;
    public static final int EXIT_START_FAILED = 2;

    private final String name;
    private final Options options = new Options();

    /** The outcome of parsing: either an exit code (help shown or a usage error), or what to run with. */
    public record Parsed(Integer exitCode, CommandLine line, Properties config) {
        public boolean printConfigOnly() {
            return line != null && line.hasOption('p');
        }
    }

    public DaemonCommandLine(String name, String configDescription) {
        this.name = name;
        options.addOption(Option.builder("c").longOpt("configFile").hasArg().argName("file").desc(configDescription).build())
                .addOption(Option.builder("p").longOpt("printConfigItem").desc("print the effective config and exit").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
    }

    public DaemonCommandLine withOption(Option option) {
        options.addOption(option);
        return this;
    }

    /** Parses {@code args} and reads the config file; errors go to {@code err} with an exit code. */
    public Parsed parse(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println(name + ": " + e.getMessage());
            printHelp(err);
            return new Parsed(EXIT_USAGE, null, null);
        }
        if (line.hasOption('h')) {
            printHelp(out);
            return new Parsed(EXIT_OK, line, null);
        }
        Properties config = new Properties();
        if (line.hasOption('c')) {
            try (InputStream in = Files.newInputStream(Path.of(line.getOptionValue('c')))) {
                config.load(in);
            } catch (IOException | IllegalArgumentException e) {
                err.println(name + ": cannot read config file " + line.getOptionValue('c') + ": " + e.getMessage());
                return new Parsed(EXIT_USAGE, null, null);
            }
        }
        return new Parsed(null, line, config);
    }

    private void printHelp(PrintStream to) {
        PrintWriter writer = new PrintWriter(to);
        new HelpFormatter().printHelp(writer, 100, name, null, options, 2, 2, null, true);
        writer.flush();
    }

    /**
     * Blocks until the JVM is asked to stop (SIGTERM, SIGINT), running {@code stop} first from a
     * shutdown hook so that the daemon stops gracefully.
     */
    public static int runUntilStopped(Runnable stop, String hookName) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, hookName));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }
}
