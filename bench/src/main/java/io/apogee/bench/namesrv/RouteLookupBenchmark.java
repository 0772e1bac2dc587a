package io.apogee.bench.namesrv;

import io.apogee.bench.BenchSupport;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Route lookups per second from 16 concurrent callers while 50 simulated brokers re-register every
 * second, against our name server and the official 5.3.3 one, in the same JVM and run, alternately.
 * The load comes from the same client code for both, so the difference is the server's.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.apogee.bench.namesrv.RouteLookupBenchmark
 * [seconds per round] [rounds]}.
 */
public final class RouteLookupBenchmark {
    private static final int CALLERS = 16;
    private static final int BROKERS = 50;
    private static final int TOPICS = 200;

    private RouteLookupBenchmark() {
    }

    /** A name server under test. */
    private interface Server extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("route-bench");
        System.out.printf("route lookups: %d callers, %d brokers re-registering every second, %d topics, %d s x %d rounds%n",
                CALLERS, BROKERS, TOPICS, seconds, rounds);
        List<Double> ours = new ArrayList<>();
        List<Double> official = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            try (Server server = apogee(dir.resolve("apogee-" + round))) {
                ours.add(measure("apogee", server.port(), seconds));
            }
            try (Server server = official(dir.resolve("official-" + round))) {
                official.add(measure("official", server.port(), seconds));
            }
        }
        double bestOurs = ours.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double bestOfficial = official.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("RESULT apogee %.0f lookups/s, official %.0f lookups/s, ratio %.2f (best of %d rounds)%n",
                bestOurs, bestOfficial, bestOurs / bestOfficial, rounds);
        System.exit(0);
    }

    private static Server apogee(Path dir) throws Exception {
        NamesrvController controller = BenchSupport.startNamesrv(dir, "disabled");
        return new Server() {
            @Override
            public int port() {
                return controller.port();
            }

            @Override
            public void close() {
                controller.shutdown();
            }
        };
    }

    private static Server official(Path dir) throws Exception {
        org.apache.rocketmq.common.namesrv.NamesrvConfig config = new org.apache.rocketmq.common.namesrv.NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        org.apache.rocketmq.remoting.netty.NettyServerConfig network = new org.apache.rocketmq.remoting.netty.NettyServerConfig();
        network.setListenPort(0);
        network.setBindAddress("127.0.0.1");
        org.apache.rocketmq.namesrv.NamesrvController controller =
                new org.apache.rocketmq.namesrv.NamesrvController(config, network);
        if (!controller.initialize()) {
            throw new IllegalStateException("official name server failed to initialise");
        }
        controller.start();
        return new Server() {
            @Override
            public int port() {
                return controller.getRemotingServer().localListenPort();
            }

            @Override
            public void close() {
                controller.shutdown();
            }
        };
    }

    private static double measure(String name, int port, int seconds) throws Exception {
        String address = "127.0.0.1:" + port;
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder lookups = new LongAdder();
        LongAdder failures = new LongAdder();
        LongAdder registrations = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        NettyRemotingClient brokerSide = new NettyRemotingClient(new NettyClientConfig());
        NettyRemotingClient clientSide = new NettyRemotingClient(new NettyClientConfig());
        brokerSide.start();
        clientSide.start();
        try {
            List<RemotingCommand> firstRegistrations = new ArrayList<>();
            for (int b = 0; b < BROKERS; b++) {
                firstRegistrations.add(registration(b));
            }
            for (RemotingCommand request : firstRegistrations) {
                brokerSide.invokeSync(address, request, 10_000);
            }
            // Every broker re-registers once a second, spread over the second, as real ones do.
            Thread registrar = new Thread(() -> {
                long next = System.nanoTime();
                int b = 0;
                while (running.get()) {
                    next += TimeUnit.SECONDS.toNanos(1) / BROKERS;
                    try {
                        brokerSide.invokeSync(address, registration(b), 10_000);
                        registrations.increment();
                    } catch (Exception e) {
                        failures.increment();
                    }
                    b = (b + 1) % BROKERS;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "registrar");
            threads.add(registrar);
            for (int c = 0; c < CALLERS; c++) {
                threads.add(new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (running.get()) {
                        String topic = "topic-" + random.nextInt(TOPICS);
                        try {
                            RemotingCommand response = clientSide.invokeSync(address, RemotingCommand.request(
                                    RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(topic, null)), 10_000);
                            if (response.code() == ResponseCode.SUCCESS && response.body() != null) {
                                lookups.increment();
                            } else {
                                failures.increment();
                            }
                        } catch (Exception e) {
                            failures.increment();
                        }
                    }
                }, "caller-" + c));
            }
            threads.forEach(Thread::start);
            TimeUnit.SECONDS.sleep(Math.min(5, seconds)); // warm-up
            long start = lookups.sum();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long done = lookups.sum() - start;
            double perSecond = done / ((System.nanoTime() - startNanos) / 1e9);
            running.set(false);
            for (Thread thread : threads) {
                thread.join(15_000);
            }
            System.out.printf("  %-8s %10.0f lookups/s  (%d registrations, %d failures)%n", name, perSecond,
                    registrations.sum(), failures.sum());
            return perSecond;
        } finally {
            running.set(false);
            brokerSide.shutdown();
            clientSide.shutdown();
        }
    }

    /** A registration as an official broker sends it: its system topics and its share of the user topics. */
    private static RemotingCommand registration(int broker) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (String system : new String[] {"TBW102", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT", "SCHEDULE_TOPIC_XXXX",
                "RMQ_SYS_TRANS_HALF_TOPIC", "BenchmarkCluster", "broker-" + broker}) {
            table.put(system, TopicConfig.of(system, 8, 7));
        }
        for (int t = 0; t < TOPICS; t++) {
            if (t % 5 == broker % 5) {
                table.put("topic-" + t, TopicConfig.of("topic-" + t, 8, 6));
            }
        }
        byte[] body = JsonBody.encode(new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                new DataVersion(0, 1_700_000_000_000L + broker, 1), DataVersion.ZERO, table, Map.of(), Map.of()), List.of()));
        return RemotingCommand.request(RequestCode.REGISTER_BROKER, new NamesrvHeaders.RegisterBroker(
                "broker-" + broker, "127.0.0.1:" + (20000 + broker), "BenchmarkCluster", "127.0.0.1:" + (30000 + broker),
                0L, null, false, false, 0)).body(body);
    }
}
