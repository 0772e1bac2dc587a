package io.apogee.bench.broker;

import io.apogee.bench.BenchSupport;
import io.apogee.namesrv.NamesrvController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * The official 5.3.3 producer (sync sends from N threads) and push consumer against our broker and
 * against the official 5.3.3 broker, each started the same way in a child process behind our name
 * server, one after the other in the same run. Reports send and consume TPS, send latency
 * percentiles, the broker's CPU time per message (from /proc) and its resident memory idle and after
 * the run.
 *
 * <p>Run: {@code bench/broker-bench.sh [seconds] [threads] [bytes]}.
 */
public final class BrokerBenchmark {
    private BrokerBenchmark() {
    }

    record Result(String side, double sendTps, double consumeTps, double p50Ms, double p99Ms, double p999Ms,
            double cpuMicrosPerMessage, long idleRssMb, long loadedRssMb, long failures) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        Path distribution = Path.of(System.getProperty("apogee.distribution", "distribution/target"));
        Path home = Files.list(distribution).filter(p -> Files.isExecutable(p.resolve("bin").resolve("mqbroker")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no distribution under " + distribution));
        Path work = Files.createTempDirectory("broker-bench");
        System.out.printf("brokers: %d sender threads, %d-byte bodies, %d s of sends each; work dir %s%n",
                threads, size, seconds, work);
        List<Result> results = new ArrayList<>();
        for (String side : List.of("apogee", "official")) {
            results.add(run(side, home, work.resolve(side), seconds, threads, size));
        }
        System.out.println();
        System.out.println("| broker | send TPS | consume TPS | send p50 ms | p99 ms | p999 ms | broker CPU µs/msg | idle RSS MiB | loaded RSS MiB |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf("| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %d |%n", r.side(), r.sendTps(),
                    r.consumeTps(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.cpuMicrosPerMessage(), r.idleRssMb(),
                    r.loadedRssMb());
        }
        System.exit(0);
    }

    private static Result run(String side, Path home, Path dir, int seconds, int threads, int size) throws Exception {
        NamesrvController namesrv = BenchSupport.startNamesrv(dir.resolve("namesrv"), "disabled");
        String namesrvAddr = "127.0.0.1:" + namesrv.port();
        String topic = "BenchTopic";
        try (BrokerProcess broker = BrokerProcess.start(side, home, dir.resolve("broker"), namesrvAddr, BenchSupport.freePortWithNeighbours(), 1024)) {
            TimeUnit.SECONDS.sleep(5); // settle before reading the idle footprint
            long idleRss = broker.rssMb();
            DefaultMQProducer producer = new DefaultMQProducer("bench_producer_" + side);
            producer.setNamesrvAddr(namesrvAddr);
            producer.setSendMsgTimeout(10_000);
            producer.start();
            LongAdder consumed = new LongAdder();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("bench_consumer_" + side);
            consumer.setNamesrvAddr(namesrvAddr);
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                consumed.add(messages.size());
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            try {
                byte[] body = new byte[size];
                Arrays.fill(body, (byte) 'x');
                for (int i = 0; i < 100; i++) {
                    producer.send(new Message(topic, body)); // creates the topic and warms up
                }
                consumer.start();
                long cpuBefore = broker.cpuMillis();
                long consumedBefore = consumed.sum();
                TimedSends.Outcome sends = TimedSends.run(producer, topic, body, threads, seconds);
                long sent = sends.sent();
                long startNanos = sends.startNanos();
                // Let the consumer drain what was sent (bounded), then measure its rate over the whole time.
                long target = consumedBefore + sent;
                long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (consumed.sum() < target && System.nanoTime() < drainDeadline) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                double consumeElapsed = (System.nanoTime() - startNanos) / 1e9;
                long cpuAfter = broker.cpuMillis();
                long loadedRss = broker.rssMb();
                Result result = new Result(side, sends.tps(), (consumed.sum() - consumedBefore) / consumeElapsed,
                        sends.percentileMillis(0.50), sends.percentileMillis(0.99), sends.percentileMillis(0.999),
                        (cpuAfter - cpuBefore) * 1000.0 / Math.max(1, sent), idleRss, loadedRss, sends.failures());
                System.out.printf("%s: %s%n", side, result);
                return result;
            } finally {
                consumer.shutdown();
                producer.shutdown();
            }
        } finally {
            namesrv.shutdown();
        }
    }
}
