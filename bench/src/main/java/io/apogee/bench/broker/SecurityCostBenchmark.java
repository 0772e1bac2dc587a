package io.apogee.bench.broker;

import io.apogee.bench.BenchSupport;
import io.apogee.namesrv.NamesrvController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * What ACL 2.0 and TLS cost on our broker: the official 5.3.3 producer (sync sends from N threads) against
 * our broker from the distribution, in one run, configured three ways — plain, ACL on (authentication
 * and authorization, the producer signing as the super user with {@code AclClientRPCHook}) and TLS
 * enforcing (the producer with {@code setUseTLS(true)}) — in interleaved rounds, each run on a new
 * broker after a warm-up. Reports send TPS, latency percentiles and the broker's CPU time per message
 * (and the benchmark JVM's, the producer's, per message) for every run, and the mean per configuration with its
 * throughput cost against plain.
 *
 * <p>CPU placement ({@code cpus}): {@code shared} lets the broker and this JVM (the producer and the idle name
 * server) share every core, as earlier runs did; {@code pinned} confines the broker to CPU 0 and this JVM to
 * CPU 1 ({@code taskset}), so that the producer's own signing and encryption do not take the broker's CPU, as
 * when clients run on other machines. Every run reports how busy each core was (all processes) and how much
 * of a core the broker and this JVM each used, so that a reader can see which side was the bottleneck.
 *
 * <p>Run: {@code bench/security-bench.sh [seconds] [threads] [bytes] [rounds] [shared|pinned]}.
 */
public final class SecurityCostBenchmark {
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";

    /** Rounds of (plain, ACL, TLS), interleaved so that drift on a shared machine hits all three alike. */
    private static final int DEFAULT_ROUNDS = 2;
    private static final int WARM_UP_SECONDS = 8;

    private SecurityCostBenchmark() {
    }

    private static double mean(List<Result> results, String config, java.util.function.ToDoubleFunction<Result> field) {
        return results.stream().filter(r -> r.config().equals(config)).mapToDouble(field).average().orElse(Double.NaN);
    }

    /**
     * @param brokerCores cores' worth of CPU the broker used during the measured phase (1.0 = one core saturated)
     * @param clientCores the same for this JVM
     * @param coreBusyPercent how busy each CPU of the machine was (every process) during the measured phase
     */
    record Result(String config, double sendTps, double p50Ms, double p99Ms, double p999Ms, double cpuMicrosPerMessage,
            double clientCpuMicrosPerMessage, long failures, double brokerCores, double clientCores,
            double[] coreBusyPercent) {
    }

    /** Where the broker and this JVM run: {@code brokerCpus} null for anywhere. */
    private record Placement(String name, String brokerCpus, String clientCpus) {
        static Placement parse(String text) {
            return switch (text) {
                case "shared" -> new Placement(text, null, null);
                case "pinned" -> new Placement(text, "0", "1");
                default -> throw new IllegalArgumentException("cpus must be shared or pinned, not " + text);
            };
        }
    }

    /** Confines every thread of this JVM (and the threads they start later) to {@code cpus}. */
    private static void pinSelf(String cpus) throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, pid).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IllegalStateException("taskset could not pin this JVM to CPU " + cpus + ": " + output);
        }
    }

    /** The CPUs a process may run on, as the kernel says ({@code Cpus_allowed_list}). */
    private static String allowedCpus(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_ROUNDS;
        Placement placement = Placement.parse(args.length > 4 ? args[4] : "shared");
        if (placement.clientCpus() != null) {
            pinSelf(placement.clientCpus());
        }
        Path distribution = Path.of(System.getProperty("apogee.distribution", "distribution/target"));
        Path home;
        try (var homes = Files.list(distribution)) {
            home = homes.filter(p -> Files.isExecutable(p.resolve("bin").resolve("mqbroker"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no distribution under " + distribution));
        }
        Path work = Files.createTempDirectory("security-bench");
        System.out.printf("our broker, official producer: %d sender threads, %d-byte bodies, %d s of sync sends per"
                + " configuration, %d rounds, CPUs %s (this JVM on %s); work dir %s%n", threads, size, seconds, rounds,
                placement.name(), allowedCpus(ProcessHandle.current().pid()), work);

        Map<String, String> acl = new LinkedHashMap<>();
        acl.put("authenticationEnabled", "true");
        acl.put("authorizationEnabled", "true");
        acl.put("authenticationMetadataProvider",
                "org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider");
        acl.put("authorizationMetadataProvider",
                "org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider");
        acl.put("initAuthenticationUser", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_SECRET + "\"}");
        acl.put("innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}");

        record Config(String name, Map<String, String> broker, boolean signed, boolean tls) {
        }
        List<Config> configs = List.of(new Config("plain", Map.of(), false, false), new Config("ACL", acl, true, false),
                new Config("TLS", Map.of("tls.server.mode", "enforcing"), false, true));
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Config c : configs) {
                Path dir = work.resolve(c.name() + "-" + round);
                results.add(run(c.name(), home, dir, c.broker(), c.signed(), c.tls(), seconds, threads, size,
                        placement.brokerCpus()));
                // A run's store is a gigabyte or more: fifteen of them would fill the disk, and a broker whose
                // disk is past its warning level refuses sends.
                deleteTree(dir);
            }
        }
        deleteTree(work);

        System.out.println();
        System.out.println("Every run (in order):");
        System.out.println("| configuration | send TPS | p50 ms | p99 ms | p999 ms | broker CPU µs/msg | client CPU µs/msg"
                + " | broker / client cores used | CPU 0 / CPU 1 busy | failures |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf("| %s | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.2f / %.2f | %s | %d |%n", r.config(),
                    r.sendTps(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.cpuMicrosPerMessage(),
                    r.clientCpuMicrosPerMessage(), r.brokerCores(), r.clientCores(), percents(r.coreBusyPercent()),
                    r.failures());
        }
        System.out.println();
        printMeans(results, configs.stream().map(Config::name).toList(), rounds);
        System.exit(0);
    }

    /** The mean of every configuration, its cost against plain and the spread of that cost over the rounds. */
    private static void printMeans(List<Result> results, List<String> configs, int rounds) {
        System.out.printf("Mean of %d rounds:%n", rounds);
        System.out.println("| configuration | send TPS | throughput cost | cost per round (min to max) | p99 ms"
                + " | broker CPU µs/msg | client CPU µs/msg | broker / client cores used"
                + " | broker-bound cost from CPU (per round) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        double plainTps = mean(results, "plain", Result::sendTps);
        double plainCpu = mean(results, "plain", Result::cpuMicrosPerMessage);
        for (String config : configs) {
            double tps = mean(results, config, Result::sendTps);
            double cpu = mean(results, config, Result::cpuMicrosPerMessage);
            boolean plain = config.equals("plain");
            String cost = plain ? "—" : String.format("%.1f %%", 100.0 * (plainTps - tps) / plainTps);
            String costs = plain ? "—" : perRoundRange(results, config, configs.size(),
                    (base, run) -> 100.0 * (base.sendTps() - run.sendTps()) / base.sendTps());
            String cpuCost = plain ? "—" : String.format("%.1f %% (%s)", 100.0 * (cpu - plainCpu) / cpu,
                    perRoundRange(results, config, configs.size(), (base, run) -> 100.0
                            * (run.cpuMicrosPerMessage() - base.cpuMicrosPerMessage()) / run.cpuMicrosPerMessage()));
            System.out.printf("| %s | %.0f | %s | %s | %.2f | %.1f | %.1f | %.2f / %.2f | %s |%n", config, tps, cost,
                    costs, mean(results, config, Result::p99Ms), cpu,
                    mean(results, config, Result::clientCpuMicrosPerMessage),
                    mean(results, config, Result::brokerCores), mean(results, config, Result::clientCores), cpuCost);
        }
        System.out.println();
        System.out.println("Broker-bound cost from CPU: 1 - (broker CPU per message, plain) / (the same, configured):"
                + " what the configuration would cost in throughput were the broker's CPU the bottleneck.");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * CPU time of this JVM: the official producer (its signing and encryption included) and the idle
     * in-process name server. It shares the cores with the broker, so it is part of the measured cost.
     */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String percents(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double value : values) {
            out.append(out.length() == 0 ? "" : " / ").append(String.format("%.0f %%", value));
        }
        return out.toString();
    }

    /**
     * {@code cost} of {@code config} in each round against that round's plain run (runs are in round order,
     * {@code perRound} configurations a round), as "min–max" percent.
     */
    private static String perRoundRange(List<Result> results, String config, int perRound,
            java.util.function.ToDoubleBiFunction<Result, Result> cost) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int start = 0; start + perRound <= results.size(); start += perRound) {
            List<Result> round = results.subList(start, start + perRound);
            Result plain = round.stream().filter(r -> r.config().equals("plain")).findFirst().orElseThrow();
            Result run = round.stream().filter(r -> r.config().equals(config)).findFirst().orElseThrow();
            double value = cost.applyAsDouble(plain, run);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return String.format("%.1f to %.1f %%", min, max);
    }

    private static Result run(String name, Path home, Path dir, Map<String, String> brokerConfig, boolean signed,
            boolean tls, int seconds, int threads, int size, String brokerCpus) throws Exception {
        // The name server serves TLS and plain alike; the broker's mode is what is measured.
        NamesrvController namesrv = BenchSupport.startNamesrv(dir.resolve("namesrv"), "permissive");
        String namesrvAddr = "127.0.0.1:" + namesrv.port();
        String topic = "BenchTopic";
        try (BrokerProcess broker = BrokerProcess.start("apogee", home, dir.resolve("broker"), namesrvAddr,
                BenchSupport.freePortWithNeighbours(), 1024, brokerConfig, brokerCpus)) {
            TimeUnit.SECONDS.sleep(3);
            DefaultMQProducer producer = signed
                    ? new DefaultMQProducer("bench_producer", new AclClientRPCHook(new SessionCredentials(ROOT, ROOT_SECRET)))
                    : new DefaultMQProducer("bench_producer");
            producer.setInstanceName("security-bench-" + dir.getFileName());
            producer.setNamesrvAddr(namesrvAddr);
            producer.setUseTLS(tls);
            producer.setSendMsgTimeout(10_000);
            producer.start();
            try {
                byte[] body = new byte[size];
                Arrays.fill(body, (byte) 'x');
                producer.send(new Message(topic, body)); // creates the topic
                // Warm both JVMs (this broker is new; the TLS and signing paths of the client may be too).
                List<Thread> warmers = new ArrayList<>();
                long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
                for (int t = 0; t < threads; t++) {
                    warmers.add(new Thread(() -> {
                        while (System.nanoTime() < warmUntil) {
                            try {
                                producer.send(new Message(topic, body));
                            } catch (Exception e) {
                                // counted in the measured phase only
                            }
                        }
                    }, "warm-up-" + t));
                }
                warmers.forEach(Thread::start);
                for (Thread warmer : warmers) {
                    warmer.join(60_000);
                }
                long cpuBefore = broker.cpuMillis();
                long clientCpuBefore = clientCpuNanos();
                CoreUsage coresBefore = CoreUsage.sample();
                TimedSends.Outcome sends = TimedSends.run(producer, topic, body, threads, seconds);
                long cpuAfter = broker.cpuMillis();
                long clientCpuAfter = clientCpuNanos();
                double[] coreBusy = CoreUsage.sample().busyPercentSince(coresBefore);
                long sent = sends.sent();
                Result result = new Result(name, sends.tps(), sends.percentileMillis(0.50),
                        sends.percentileMillis(0.99), sends.percentileMillis(0.999),
                        (cpuAfter - cpuBefore) * 1000.0 / Math.max(1, sent),
                        (clientCpuAfter - clientCpuBefore) / 1000.0 / Math.max(1, sent), sends.failures(),
                        (cpuAfter - cpuBefore) / 1000.0 / sends.seconds(),
                        (clientCpuAfter - clientCpuBefore) / 1e9 / sends.seconds(), coreBusy);
                System.out.printf("%s: %.0f TPS, broker %.1f µs/msg (%.2f cores, on CPUs %s), client %.1f µs/msg"
                        + " (%.2f cores), CPU busy %s%n", name, result.sendTps(), result.cpuMicrosPerMessage(),
                        result.brokerCores(), allowedCpus(broker.pid()), result.clientCpuMicrosPerMessage(),
                        result.clientCores(), percents(coreBusy));
                return result;
            } finally {
                producer.shutdown();
            }
        } finally {
            namesrv.shutdown();
        }
    }
}
