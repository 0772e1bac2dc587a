package io.apogee.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bin/mqbench} from the assembled distribution, as an operator runs it, with stdout and stderr
 * kept apart (stdout carries the {@code --json} lines). Every run is bounded: killed at its deadline.
 */
final class MqBenchRun implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private MqBenchRun(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static MqBenchRun start(String... args) throws IOException {
        Path home = ApogeeNamesrvProcess.distribution();
        Path logs = ChildProcess.LOG_DIR.resolve("mqbench-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet())
                .toAbsolutePath();
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("mqbench").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(logs.toFile())
                .redirectOutput(logs.resolve("stdout.log").toFile()).redirectError(logs.resolve("stderr.log").toFile());
        builder.environment().put("APOGEE_LOG_DIR", logs.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("APOGEE_BENCH_HEAP_MB", "256");
        builder.environment().put("JAVA_OPT_EXT", "-Djava.net.preferIPv4Stack=true");
        builder.environment().remove("NAMESRV_ADDR");
        return new MqBenchRun(builder.start(), logs.resolve("stdout.log"), logs.resolve("stderr.log"));
    }

    /** Runs {@code bin/mqbench args} to its end, within {@code deadline}. */
    static MqBenchRun run(Duration deadline, String... args) throws IOException, InterruptedException {
        MqBenchRun run = start(args);
        run.awaitExit(deadline);
        return run;
    }

    void awaitExit(Duration deadline) throws InterruptedException, IOException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("mqbench did not end within " + deadline + "; stdout: " + stdout()
                    + "\nstderr: " + stderr());
        }
    }

    /** Waits until stdout has at least {@code lines} lines. */
    void awaitStdoutLines(int lines, Duration deadline) throws IOException {
        await("mqbench output").atMost(deadline).pollInterval(Duration.ofMillis(100))
                .until(() -> stdout().lines().count() >= lines || !process.isAlive());
        assertThat(stdout().lines().count()).as("stderr: %s", stderr()).isGreaterThanOrEqualTo(lines);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Every stdout line parsed as JSON: fails when a line is anything else. */
    List<JSONObject> jsonLines() throws IOException {
        return stdout().lines().map(line -> {
            assertThat(line).startsWith("{").endsWith("}");
            return JSON.parseObject(line);
        }).toList();
    }

    /** The last line, which must be the summary. */
    JSONObject summary() throws IOException {
        List<JSONObject> lines = jsonLines();
        assertThat(lines).isNotEmpty();
        JSONObject summary = lines.get(lines.size() - 1);
        assertThat(summary.getString("type")).isEqualTo("summary");
        return summary;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
