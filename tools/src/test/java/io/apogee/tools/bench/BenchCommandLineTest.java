package io.apogee.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private BenchCommandLine.Parsed parse(Map<String, String> env, String... args) {
        return new BenchCommandLine(env).parse(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private BenchOptions options(String... args) {
        BenchCommandLine.Parsed parsed = parse(Map.of(), args);
        assertThat(parsed.exitCode()).as(err.toString(StandardCharsets.UTF_8)).isNull();
        return parsed.options();
    }

    @Test
    void produceDefaults() {
        BenchOptions o = options("produce");
        assertThat(o.mode()).isEqualTo(BenchMode.PRODUCE);
        assertThat(o.namesrvAddr()).isEqualTo("127.0.0.1:9876");
        assertThat(o.topic()).isEqualTo("BenchmarkTest");
        assertThat(o.threads()).isEqualTo(16);
        assertThat(o.messageSize()).isEqualTo(1024);
        assertThat(o.durationSeconds()).isEqualTo(60);
        assertThat(o.sendMode()).isEqualTo(SendMode.SYNC);
        assertThat(o.json()).isFalse();
        assertThat(o.authenticated()).isFalse();
        assertThat(o.tls()).isFalse();
        assertThat(out.size()).isZero();
        assertThat(err.size()).isZero();
    }

    @Test
    void consumeDefaultsToTwentyThreadsAndTheBenchGroup() {
        BenchOptions o = options("consume");
        assertThat(o.threads()).isEqualTo(20);
        assertThat(o.consumerThreads()).isEqualTo(20);
        assertThat(o.group()).isEqualTo("mqbench_consumer");
    }

    @Test
    void e2eCountsSendersInThreadsAndKeepsTwentyConsumerThreads() {
        BenchOptions o = options("e2e", "-w", "4");
        assertThat(o.threads()).isEqualTo(4);
        assertThat(o.consumerThreads()).isEqualTo(20);
    }

    @Test
    void nameServerComesFromTheEnvironmentUnlessGiven() {
        assertThat(parse(Map.of("NAMESRV_ADDR", "10.0.0.1:9876;10.0.0.2:9876"), "produce").options().namesrvAddr())
                .isEqualTo("10.0.0.1:9876;10.0.0.2:9876");
        assertThat(parse(Map.of("NAMESRV_ADDR", "10.0.0.1:9876"), "produce", "-n", "127.0.0.1:1").options()
                .namesrvAddr()).isEqualTo("127.0.0.1:1");
    }

    @Test
    void everyOptionInLongAndShortForm() {
        BenchOptions o = options("produce", "--namesrv", "127.0.0.1:10", "--topic", "T1", "--threads", "3", "--size",
                "100", "--duration", "0", "--async", "--max-in-flight", "8", "--json", "--acl-access-key", "ak",
                "--acl-secret-key", "sk", "--tls");
        assertThat(o).isEqualTo(new BenchOptions(BenchMode.PRODUCE, "127.0.0.1:10", "T1", 3, 100, 0, "mqbench_consumer",
                SendMode.ASYNC, 8, true, "ak", "sk", true));
        assertThat(o.runsForever()).isTrue();
        BenchOptions s = options("consume", "-n", "127.0.0.1:10", "-t", "T2", "-w", "5", "-s", "7", "-d", "9", "-g",
                "G1");
        assertThat(s).isEqualTo(new BenchOptions(BenchMode.CONSUME, "127.0.0.1:10", "T2", 5, 7, 9, "G1", SendMode.SYNC,
                64, false, null, null, false));
        assertThat(options("produce", "--oneway").sendMode()).isEqualTo(SendMode.ONEWAY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|missing command",
        "publish|unknown command 'publish'",
        "produce -w x|--threads must be a whole number: x",
        "produce -w 0|--threads must be in 1..1000: 0",
        "produce -s 0|--size must be in 1..4194304",
        "produce -s 5000000|--size must be in 1..4194304",
        "produce -d -1|--duration must be in 0..",
        "produce --async --oneway|--async and --oneway exclude each other",
        "e2e --oneway|--oneway applies to produce only",
        "consume --async|--async and --oneway apply to produce and e2e",
        "produce --max-in-flight 4|--max-in-flight applies with --async",
        "produce -g G|--group applies to consume and e2e",
        "consume -g bad/group|--group must be",
        "produce --acl-access-key ak|--acl-access-key and --acl-secret-key go together",
        "produce -t bad/topic|--topic must be",
        "produce -n nohostport|namesrvAddr entry",
        "produce -n 127.0.0.1:70000|namesrvAddr entry",
        "produce --threads|Missing argument for option: w",
        "produce --bogus|Unrecognized option: --bogus",
        "produce extra|unexpected argument(s): extra",
    })
    void badCommandLinesAreExplainedWithTheUsageAndExitOne(String line, String message) {
        String[] args = line == null ? new String[0] : line.split(" ");
        BenchCommandLine.Parsed parsed = parse(Map.of(), args);
        assertThat(parsed.exitCode()).isEqualTo(BenchCommandLine.EXIT_USAGE);
        assertThat(parsed.options()).isNull();
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("mqbench: ").contains(message).contains("usage: mqbench produce|consume|e2e");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"produce", "-h"}}) {
            out.reset();
            BenchCommandLine.Parsed parsed = parse(Map.of(), args);
            assertThat(parsed.exitCode()).isEqualTo(BenchCommandLine.EXIT_OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--namesrv").contains("--json")
                    .contains("--duration");
        }
        assertThat(err.size()).isZero();
    }
}
