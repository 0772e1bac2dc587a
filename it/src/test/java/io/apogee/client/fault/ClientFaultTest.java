package io.apogee.client.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our client when daemons fail, with the daemons run from the distribution as an operator runs them:
 * a broker killed (SIGKILL) under a load of sends, and a name server stopped while clients run.
 */
class ClientFaultTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("cannot close " + resources.get(i) + ": " + e);
            }
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static Message text(String topic, String body) {
        return Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private void createTopic(String namesrvAddr, String topic, List<ApogeeBrokerProcess> brokers) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(5_000);
        admin.setAdminExtGroup("fault_admin_" + System.nanoTime());
        admin.setNamesrvAddr(namesrvAddr);
        admin.start();
        try {
            for (ApogeeBrokerProcess broker : brokers) {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 4, 4, 6));
            }
            await(topic + " on every broker").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo(topic).getBrokerDatas().size() == brokers.size());
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aBrokerKilledUnderLoadLosesNoAcknowledgedMessageAndSendsFailOver() throws Exception {
        ApogeeNamesrvProcess namesrv = track(ApogeeNamesrvProcess.start());
        ApogeeBrokerProcess a = track(ApogeeBrokerProcess.start("fault-a", namesrv.address(), Map.of()));
        ApogeeBrokerProcess b = track(ApogeeBrokerProcess.start("fault-b", namesrv.address(), Map.of()));
        String topic = "fault_load";
        createTopic(namesrv.address(), topic, List.of(a, b));
        Producer producer = track(Producer.builder().namesrvAddr(namesrv.address()).producerGroup("fault_pg")
                .clientIp("127.0.0.1").instanceName("fault-producer").sendMsgTimeout(3_000).build());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger afterKill = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            running.add(senders.submit(() -> {
                for (int i = 0; i < 5_000 && System.nanoTime() < deadline && afterKill.get() < 400; i++) {
                    String body = "t" + thread + "-" + i;
                    try {
                        SendResult result = producer.send(text(topic, body));
                        if (result.status() == SendStatus.SEND_OK) {
                            acknowledged.add(body);
                            if (killed.get()) {
                                afterKill.incrementAndGet();
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        await("400 sends acknowledged before the kill").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= 400);
        b.kill();
        killed.set(true);
        for (Future<?> sender : running) {
            sender.get(90, TimeUnit.SECONDS);
        }
        senders.shutdownNow();

        // Sends go on through broker fault-a: the kill costs at most the sends in flight at that moment.
        assertThat(afterKill.get()).isGreaterThanOrEqualTo(400);
        assertThat(failures.get()).isLessThanOrEqualTo(4);

        ApogeeBrokerProcess again = track(b.restart());
        Set<String> read = readAll(namesrv.address(), topic, acknowledged.size());
        assertThat(read).containsAll(acknowledged);
        assertThat(again.isAlive()).isTrue();
    }

    /** Every body in {@code topic}, read from the start of every queue, until at least {@code expected}. */
    private Set<String> readAll(String namesrvAddr, String topic, int expected) {
        Set<String> read = ConcurrentHashMap.newKeySet();
        try (LitePullConsumer consumer = LitePullConsumer.builder().namesrvAddr(namesrvAddr)
                .consumerGroup("fault_reader_" + System.nanoTime()).clientIp("127.0.0.1")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build()) {
            consumer.subscribe(topic, "*");
            await("every acknowledged message read back").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ReceivedMessage message : consumer.poll(Duration.ofMillis(200))) {
                    read.add(new String(message.body(), StandardCharsets.UTF_8));
                }
                return read.size() >= expected;
            });
        }
        return read;
    }

    @Test
    void aStoppedNameServerIsReplacedByTheOtherOne() throws Exception {
        ApogeeNamesrvProcess first = track(ApogeeNamesrvProcess.start());
        ApogeeNamesrvProcess second = track(ApogeeNamesrvProcess.start());
        String both = first.address() + ";" + second.address();
        ApogeeBrokerProcess broker = track(ApogeeBrokerProcess.start("fault-ns", both, Map.of()));
        createTopic(first.address(), "fault_ns_before", List.of(broker));
        Producer producer = track(Producer.builder().namesrvAddr(both).producerGroup("fault_ns_pg")
                .clientIp("127.0.0.1").instanceName("fault-ns-producer").build());
        assertThat(producer.send(text("fault_ns_before", "before")).status()).isEqualTo(SendStatus.SEND_OK);

        first.close();
        createTopic(second.address(), "fault_ns_after", List.of(broker));

        // A topic never looked up before needs a route now: only the second name server can give it.
        await("a route from the second name server").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> producer.send(text("fault_ns_after", "after")).status() == SendStatus.SEND_OK);
        assertThat(producer.send(text("fault_ns_before", "still")).status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(readAll(second.address(), "fault_ns_after", 1)).contains("after");
    }
}
