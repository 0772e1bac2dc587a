package io.apogee.tools.bench;

import io.apogee.client.runtime.ClientSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Parses {@code mqbench produce|consume|e2e [options]} into checked {@link BenchOptions}, with the
 * commons-cli the daemons' command lines use. A bad command line is explained on {@code err} with the
 * usage and an exit code; nothing is started. Not thread-safe; used once from main.
 */
public final class BenchCommandLine {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 1;

    static final int MAX_THREADS = 1000; // the push consumer's consumeThreadMax limit
    static final int MAX_SIZE = 4 * 1024 * 1024;
    private static final Pattern TOPIC = Pattern.compile("^[%|a-zA-Z0-9_-]{1,127}$");
    private static final Pattern GROUP = Pattern.compile("^[%|a-zA-Z0-9_-]{1,255}$");

    private final Map<String, String> env;

    /** The outcome: options to run with, or the exit code after help or a usage error. */
    public record Parsed(BenchOptions options, Integer exitCode) {
    }

    /** @param env the environment, for {@code NAMESRV_ADDR} */
    public BenchCommandLine(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    static Options options() {
        return new Options()
                .addOption(Option.builder("n").longOpt("namesrv").hasArg().argName("host:port[;host:port]")
                        .desc("name servers (default: $NAMESRV_ADDR, else " + BenchOptions.DEFAULT_NAMESRV + ")").build())
                .addOption(Option.builder("t").longOpt("topic").hasArg().argName("topic")
                        .desc("topic (default " + BenchOptions.DEFAULT_TOPIC + ")").build())
                .addOption(Option.builder("w").longOpt("threads").hasArg().argName("n")
                        .desc("sender threads (produce, e2e; default 16) or consumer threads (consume; default 20)").build())
                .addOption(Option.builder("s").longOpt("size").hasArg().argName("bytes")
                        .desc("message body size (default " + BenchOptions.DEFAULT_SIZE + ")").build())
                .addOption(Option.builder("d").longOpt("duration").hasArg().argName("seconds")
                        .desc("how long to run (default " + BenchOptions.DEFAULT_DURATION_SECONDS
                                + "; 0 = until Ctrl-C)").build())
                .addOption(Option.builder("g").longOpt("group").hasArg().argName("group")
                        .desc("consumer group (consume, e2e; default " + BenchOptions.DEFAULT_GROUP + ")").build())
                .addOption(Option.builder().longOpt("async").desc("send asynchronously (produce, e2e)").build())
                .addOption(Option.builder().longOpt("oneway").desc("send oneway, without answers (produce)").build())
                .addOption(Option.builder().longOpt("max-in-flight").hasArg().argName("n")
                        .desc("asynchronous sends in flight per thread (default " + BenchOptions.DEFAULT_MAX_IN_FLIGHT
                                + ")").build())
                .addOption(Option.builder().longOpt("json")
                        .desc("print one JSON object per second and a summary object, nothing else, on stdout").build())
                .addOption(Option.builder().longOpt("acl-access-key").hasArg().argName("key")
                        .desc("sign requests with this ACL access key").build())
                .addOption(Option.builder().longOpt("acl-secret-key").hasArg().argName("secret")
                        .desc("the secret key of --acl-access-key").build())
                .addOption(Option.builder().longOpt("tls").desc("connect with TLS").build())
                .addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
    }

    public Parsed parse(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usageError("missing command: produce, consume or e2e", err);
        }
        if (args[0].equals("-h") || args[0].equals("--help")) {
            printHelp(out);
            return new Parsed(null, EXIT_OK);
        }
        Optional<BenchMode> mode = BenchMode.fromCommand(args[0]);
        if (mode.isEmpty()) {
            return usageError("unknown command '" + args[0] + "': expected produce, consume or e2e", err);
        }
        CommandLine line;
        try {
            line = new DefaultParser().parse(options(), List.of(args).subList(1, args.length).toArray(String[]::new));
        } catch (ParseException e) {
            return usageError(e.getMessage(), err);
        }
        if (line.hasOption('h')) {
            printHelp(out);
            return new Parsed(null, EXIT_OK);
        }
        if (!line.getArgList().isEmpty()) {
            return usageError("unexpected argument(s): " + String.join(" ", line.getArgList()), err);
        }
        try {
            return new Parsed(toOptions(mode.get(), line), null);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
    }

    private BenchOptions toOptions(BenchMode mode, CommandLine line) {
        String namesrv = line.getOptionValue('n', env.getOrDefault("NAMESRV_ADDR", BenchOptions.DEFAULT_NAMESRV));
        ClientSettings.parseNamesrvAddr(namesrv);
        String topic = line.getOptionValue('t', BenchOptions.DEFAULT_TOPIC);
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("--topic must be 1 to 127 letters, digits, '%', '|', '_' or '-': " + topic);
        }
        int threads = intOption(line, "threads", mode.defaultThreads(), 1, MAX_THREADS);
        int size = intOption(line, "size", BenchOptions.DEFAULT_SIZE, 1, MAX_SIZE);
        long duration = intOption(line, "duration", (int) BenchOptions.DEFAULT_DURATION_SECONDS, 0, Integer.MAX_VALUE);
        String group = line.getOptionValue('g', BenchOptions.DEFAULT_GROUP);
        if (line.hasOption('g') && !mode.receives()) {
            throw new IllegalArgumentException("--group applies to consume and e2e");
        }
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("--group must be 1 to 255 letters, digits, '%', '|', '_' or '-': " + group);
        }
        SendMode sendMode = sendMode(mode, line);
        int maxInFlight = intOption(line, "max-in-flight", BenchOptions.DEFAULT_MAX_IN_FLIGHT, 1, 65_536);
        String accessKey = line.getOptionValue("acl-access-key");
        String secretKey = line.getOptionValue("acl-secret-key");
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("--acl-access-key and --acl-secret-key go together");
        }
        if (accessKey != null && (accessKey.isBlank() || secretKey.isBlank())) {
            throw new IllegalArgumentException("--acl-access-key and --acl-secret-key must not be empty");
        }
        return new BenchOptions(mode, namesrv, topic, threads, size, duration, group, sendMode, maxInFlight,
                line.hasOption("json"), accessKey, secretKey, line.hasOption("tls"));
    }

    private static SendMode sendMode(BenchMode mode, CommandLine line) {
        boolean async = line.hasOption("async");
        boolean oneway = line.hasOption("oneway");
        if (async && oneway) {
            throw new IllegalArgumentException("--async and --oneway exclude each other");
        }
        if ((async || oneway) && !mode.sends()) {
            throw new IllegalArgumentException("--async and --oneway apply to produce and e2e");
        }
        if (oneway && mode == BenchMode.E2E) {
            // e2e latency needs every message stored; oneway sends may be dropped without a word.
            throw new IllegalArgumentException("--oneway applies to produce only");
        }
        if (line.hasOption("max-in-flight") && !async) {
            throw new IllegalArgumentException("--max-in-flight applies with --async");
        }
        return async ? SendMode.ASYNC : oneway ? SendMode.ONEWAY : SendMode.SYNC;
    }

    private static int intOption(CommandLine line, String name, int defaultValue, int min, int max) {
        String value = line.getOptionValue(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number: " + value);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ": " + value);
        }
        return parsed;
    }

    private Parsed usageError(String message, PrintStream err) {
        err.println("mqbench: " + message);
        printHelp(err);
        return new Parsed(null, EXIT_USAGE);
    }

    static void printHelp(PrintStream to) {
        PrintWriter writer = new PrintWriter(to);
        new HelpFormatter().printHelp(writer, 100, "mqbench produce|consume|e2e [options]",
                "Load a RocketMQ-compatible cluster and print throughput and latency once a second.", options(), 2, 2,
                "Exit status: 0 after a run, 1 for a bad command line, 2 when the cluster cannot be used.", false);
        writer.flush();
    }
}
