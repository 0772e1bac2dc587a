package io.apogee.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatsAndReportersTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** Two seconds of sends: 100 at 1..100 ms, then 50 at 2 ms with 5 failures. */
    private static List<List<SideStats>> twoSecondsOfSends(Meter send, StatsCollector stats) {
        for (int i = 1; i <= 100; i++) {
            send.success(1000, TimeUnit.MILLISECONDS.toNanos(i));
        }
        List<SideStats> first = stats.tick(SECOND);
        for (int i = 0; i < 50; i++) {
            send.success(1000, TimeUnit.MILLISECONDS.toNanos(2));
        }
        for (int i = 0; i < 5; i++) {
            send.failure(new IllegalStateException("broker \"b1\" busy"));
        }
        List<SideStats> second = stats.tick(2 * SECOND);
        return List.of(first, second);
    }

    @Test
    void collectorSplitsSecondsAndSumsTheRun() {
        Meter send = new Meter("send");
        StatsCollector stats = new StatsCollector(List.of(send), 0);
        List<List<SideStats>> seconds = twoSecondsOfSends(send, stats);

        SideStats first = seconds.get(0).get(0);
        assertThat(first.messages()).isEqualTo(100);
        assertThat(first.tps()).isCloseTo(100, within(0.001));
        assertThat(first.bytes()).isEqualTo(100_000);
        assertThat(first.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(first.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(first.maxMs()).isCloseTo(100, within(0.1));
        assertThat(first.errors()).isZero();

        SideStats second = seconds.get(1).get(0);
        assertThat(second.messages()).isEqualTo(50);
        assertThat(second.errors()).isEqualTo(5);
        assertThat(second.p999Ms()).isCloseTo(2, within(0.01));

        SideStats total = stats.summary().get(0);
        assertThat(total.messages()).isEqualTo(150);
        assertThat(total.errors()).isEqualTo(5);
        assertThat(total.seconds()).isCloseTo(2, within(1e-9));
        assertThat(total.tps()).isCloseTo(75, within(0.001));
        assertThat(total.maxTps()).isCloseTo(100, within(0.001));
        assertThat(total.mbps()).isCloseTo(150_000 / 1048576.0 / 2, within(1e-9));
        assertThat(total.maxMs()).isCloseTo(100, within(0.1));
        assertThat(total.p50Ms()).isCloseTo(25, within(0.1)); // the 75th of 1, 2 (51 times), 3, ... 100 ms
        assertThat(total.lastError()).isEqualTo("IllegalStateException: broker \"b1\" busy");
    }

    @Test
    void aSecondWithoutSamplesHasNoLatency() {
        Meter receive = new Meter("receive");
        StatsCollector stats = new StatsCollector(List.of(receive), 0);
        SideStats idle = stats.tick(SECOND).get(0);
        assertThat(idle.messages()).isZero();
        assertThat(idle.p50Ms()).isNaN();
        assertThat(idle.maxMs()).isNaN();
    }

    @Test
    void aShortLastIntervalDoesNotSetTheBestSecond() {
        Meter send = new Meter("send");
        StatsCollector stats = new StatsCollector(List.of(send), 0);
        send.success(10, 1000);
        stats.tick(SECOND);
        for (int i = 0; i < 10; i++) {
            send.success(10, 1000);
        }
        stats.tick(SECOND + SECOND / 10); // 10 messages in 0.1 s would be 100/s
        assertThat(stats.summary().get(0).maxTps()).isCloseTo(1, within(1e-9));
    }

    @Test
    void jsonIsOneObjectPerLineWithTheDocumentedShape() {
        Meter send = new Meter("send");
        Meter receive = new Meter("receive");
        StatsCollector stats = new StatsCollector(List.of(send, receive), 0);
        JsonReporter reporter = new JsonReporter(out);
        reporter.started(new BenchOptions(BenchMode.E2E, "127.0.0.1:9876", "T", 1, 1000, 2, "G", SendMode.SYNC, 64,
                true, null, null, false));
        List<List<SideStats>> seconds = twoSecondsOfSends(send, stats);
        reporter.interval(BenchMode.E2E, 1, seconds.get(0));
        reporter.interval(BenchMode.E2E, 2, seconds.get(1));
        reporter.summary(BenchMode.E2E, stats.elapsedSeconds(), stats.summary());

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JSONObject first = JSON.parseObject(lines.get(0));
        assertThat(first.keySet()).containsExactly("type", "mode", "second", "send", "receive");
        assertThat(first.getString("type")).isEqualTo("interval");
        assertThat(first.getString("mode")).isEqualTo("e2e");
        assertThat(first.getLongValue("second")).isEqualTo(1);
        JSONObject firstSend = first.getJSONObject("send");
        assertThat(firstSend.keySet()).containsExactly("messages", "bytes", "errors", "tps", "mbps", "p50Ms", "p99Ms",
                "p999Ms", "maxMs", "meanMs");
        assertThat(firstSend.getLongValue("messages")).isEqualTo(100);
        assertThat(firstSend.getDoubleValue("p99Ms")).isCloseTo(99, within(0.1));
        JSONObject idleReceive = first.getJSONObject("receive");
        assertThat(idleReceive.getLongValue("messages")).isZero();
        assertThat(idleReceive.containsKey("p50Ms")).isTrue();
        assertThat(idleReceive.get("p50Ms")).isNull();

        JSONObject summary = JSON.parseObject(lines.get(2));
        assertThat(summary.getString("type")).isEqualTo("summary");
        assertThat(summary.getDoubleValue("seconds")).isCloseTo(2, within(0.001));
        JSONObject totalSend = summary.getJSONObject("send");
        assertThat(totalSend.getLongValue("messages")).isEqualTo(150);
        assertThat(totalSend.getLongValue("errors")).isEqualTo(5);
        assertThat(totalSend.getDoubleValue("maxTps")).isCloseTo(100, within(0.001));
        assertThat(totalSend.getString("lastError")).isEqualTo("IllegalStateException: broker \"b1\" busy");
        assertThat(summary.getJSONObject("receive").containsKey("lastError")).isFalse();
    }

    @Test
    void jsonStringsEscapeControlCharacters() {
        StringBuilder json = new StringBuilder();
        JsonReporter.string(json, "a\"b\\c\nd\u0001");
        assertThat(JSON.parse(json.toString())).isEqualTo("a\"b\\c\nd\u0001");
    }

    @Test
    void humanLinesCarryRatesPercentilesAndErrors() {
        Meter send = new Meter("send");
        StatsCollector stats = new StatsCollector(List.of(send), 0);
        HumanReporter reporter = new HumanReporter(out);
        reporter.started(new BenchOptions(BenchMode.PRODUCE, "127.0.0.1:9876", "T", 4, 1000, 2, "G", SendMode.SYNC,
                64, false, null, null, false));
        List<List<SideStats>> seconds = twoSecondsOfSends(send, stats);
        reporter.interval(BenchMode.PRODUCE, 1, seconds.get(0));
        reporter.interval(BenchMode.PRODUCE, 2, seconds.get(1));
        reporter.summary(BenchMode.PRODUCE, stats.elapsedSeconds(), stats.summary());

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("mqbench produce: topic T, name servers 127.0.0.1:9876, 4 sender threads, "
                + "1000-byte bodies, sync sends, 2 s");
        assertThat(lines.get(1)).startsWith("[    1s]  send").contains("100 msg/s").contains("0.10 MiB/s")
                .contains("p99  99.0").contains("errors 0");
        assertThat(lines.get(2)).startsWith("[    2s]").contains("50 msg/s").contains("errors 5");
        assertThat(lines.get(3)).isEqualTo("--- produce summary after 2.0 s ---");
        assertThat(lines.get(4)).isEqualTo("send    150 messages, 0.1 MiB, 5 errors");
        assertThat(lines.get(5)).contains("average 75 msg/s (best second 100)");
        assertThat(lines.get(6)).contains("send latency ms: p50 25.0").contains("max 100.");
        assertThat(lines.get(7)).contains("last error: IllegalStateException: broker \"b1\" busy");
    }

    @Test
    void receiveLatencyClampsClockSkewToZero() {
        Meter receive = new Meter("receive");
        StatsCollector stats = new StatsCollector(List.of(receive), 0);
        receive.successMicros(10, -5_000);
        assertThat(stats.tick(SECOND).get(0).maxMs()).isZero();
    }
}
