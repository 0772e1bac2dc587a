package io.apogee.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official {@code mqadmin} (rocketmq-tools 5.3.3, {@code MQAdminStartup}) run as an operator runs
 * it: a child JVM on the test class path. It needs no {@code ROCKETMQ_HOME}; {@code user.home} points
 * at a temporary directory so that nothing lands in the real home. Each run takes a few seconds (the
 * official client's shutdown waits for its service threads), so callers may run several at once.
 */
public final class MqAdmin {
    private static final long DEADLINE_SECONDS = 90;

    private MqAdmin() {
    }

    /** What one command printed (stdout and stderr together) and its exit code. */
    public record Result(List<String> args, int exitCode, String output) {
        @Override
        public String toString() {
            return "mqadmin " + String.join(" ", args) + " -> exit " + exitCode + "\n" + output;
        }
    }

    /** Runs {@code mqadmin args...} and waits for it (at most 90 s, then it is killed and this fails). */
    public static Result run(String... args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("mqadmin-");
        Path output = home.resolve("output.txt");
        try {
            List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                    "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                    "org.apache.rocketmq.tools.command.MQAdminStartup"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mqadmin " + String.join(" ", args) + " still running after "
                            + DEADLINE_SECONDS + " s; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(List.of(args), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            ChildProcess.deleteRecursively(home);
        }
    }
}
