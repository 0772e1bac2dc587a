package io.apogee.tools.bench;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code mqbench produce|consume|e2e [options]}: load for a RocketMQ-compatible cluster, with throughput
 * and latency once a second and a summary at the end (also on Ctrl-C). See docs/tools.md.
 */
public final class MqBench {
    private MqBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchCommandLine.Parsed parsed = new BenchCommandLine(System.getenv()).parse(args, out, err);
        if (parsed.exitCode() != null) {
            return parsed.exitCode();
        }
        BenchRun run = new BenchRun(parsed.options(), BenchReporter.of(parsed.options(), out), err);
        CountDownLatch finished = new CountDownLatch(1);
        // On SIGINT/SIGTERM the JVM runs this hook; holding it until the run has printed its summary
        // (bounded) is what lets Ctrl-C end a run with its figures.
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mqbench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BenchRun.EXIT_FAILED;
        } finally {
            finished.countDown();
        }
    }
}
