package io.apogee.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A daemon started as a child process for a test: its stdout and stderr go to one file under
 * {@code target/child-logs/} (kept after the run for diagnosis), its data to a temporary directory that
 * {@link #close()} deletes. A JVM shutdown hook kills it should the test JVM exit without closing it.
 */
public class ChildProcess implements AutoCloseable {
    /** Where child output is kept: surefire runs in the module directory. */
    public static final Path LOG_DIR = Path.of("target", "child-logs");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss-SSS");

    private final String name;
    private final Process process;
    private final Path output;
    private final Path workDir;
    private final boolean graceful;
    private final Thread killer;
    private volatile boolean closed;

    /**
     * Starts {@code command}.
     *
     * @param graceful whether {@link #close()} asks politely first (SIGTERM) or kills at once (SIGKILL)
     */
    protected ChildProcess(String name, List<String> command, Map<String, String> env, Path workDir, boolean graceful)
            throws IOException {
        this.name = name;
        this.workDir = workDir;
        this.graceful = graceful;
        Files.createDirectories(LOG_DIR);
        this.output = LOG_DIR.resolve(name + "-" + LocalDateTime.now().format(STAMP) + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        this.process = builder.start();
        this.killer = new Thread(process::destroyForcibly, name + "-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The java launcher of the running JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until the child prints a line containing {@code marker}. Fails at once, with the output,
     * if the child exits first, and after {@code deadline} if the line never comes.
     */
    public void awaitOutput(String marker, Duration deadline) {
        try {
            await("'" + marker + "' from " + name).atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (output().contains(marker)) {
                            return true;
                        }
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                                    + " before printing '" + marker + "'; output:\n" + tail());
                        }
                        return false;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not print '" + marker + "' within " + deadline
                    + "; output:\n" + tail(), e);
        }
    }

    /** Everything the child printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last few kilobytes of output, for failure messages. */
    public String tail() {
        String all = output();
        return all.length() <= 8192 ? all : "..." + all.substring(all.length() - 8192);
    }

    public Path outputFile() {
        return output;
    }

    public Path workDir() {
        return workDir;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the child (SIGTERM then, after 30 s, SIGKILL; or SIGKILL at once) and deletes its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down; the hook runs anyway
            }
            deleteRecursively(workDir);
        }
    }

    /** Exit code after a stop, or -1 if the child had to be killed after ignoring SIGTERM. */
    private int stop() {
        try {
            if (graceful) {
                process.destroy();
                if (process.waitFor(30, TimeUnit.SECONDS)) {
                    return process.exitValue();
                }
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the child now and returns its exit code (the directory stays until {@link #close()}). */
    public int stopAndWait() {
        return stop();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp directory is not worth failing a test for
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", output " + output + ")";
    }
}
