package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our broker restarted on the same store, with the official 5.3.3 client as the judge: after a
 * graceful stop (SIGTERM) every message and every committed consumer offset is still there; after a
 * SIGKILL under {@code SYNC_FLUSH} in the middle of a stream of sends, every send the client saw
 * acknowledged ({@code SEND_OK}) can be consumed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRestartOfficialTest {
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    private ApogeeNamesrvProcess namesrv;
    private DefaultMQAdminExt admin;
    /** The newest instance of each broker started here; older instances share its store and are never closed. */
    private final List<ApogeeBrokerProcess> brokers = new ArrayList<>();
    private final List<Runnable> clients = new ArrayList<>();

    @BeforeAll
    void startNamesrv() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        admin = new DefaultMQAdminExt("restart_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
    }

    @AfterEach
    void closeClients() {
        for (Runnable client : clients) {
            client.run();
        }
        clients.clear();
    }

    @AfterAll
    void stopApogee() {
        if (admin != null) {
            admin.shutdown();
        }
        brokers.forEach(ApogeeBrokerProcess::close);
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private ApogeeBrokerProcess startBroker(String name, String topic, Map<String, String> config) throws Exception {
        ApogeeBrokerProcess broker = ApogeeBrokerProcess.start(name, namesrv.address(), config);
        brokers.add(broker);
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 4, 4, 6));
        await("route of " + topic).atMost(DEADLINE).ignoreExceptions().untilAsserted(() ->
                assertThat(admin.examineTopicRouteInfo(topic).getQueueDatas()).hasSize(1));
        return broker;
    }

    private ApogeeBrokerProcess restart(ApogeeBrokerProcess old) throws Exception {
        ApogeeBrokerProcess again = old.restart();
        brokers.set(brokers.indexOf(old), again);
        return again;
    }

    private DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv.address());
        producer.setSendMsgTimeout(3_000);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        clients.add(producer::shutdown);
        return producer;
    }

    private static Message message(String topic, String key) {
        return new Message(topic, "TagR", key, ("body of " + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The messages of {@code topic} by key, read from offset 0 of each queue with a lite-pull consumer of
     * a new group until every one of {@code required} has come (or the deadline passes).
     */
    private Map<String, MessageExt> readAll(String topic, String group, Collection<String> required) throws Exception {
        DefaultLitePullConsumer lite = new DefaultLitePullConsumer(group);
        lite.setNamesrvAddr(namesrv.address());
        lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.setAutoCommit(false);
        lite.start();
        clients.add(lite::shutdown);
        Collection<MessageQueue> queues = lite.fetchMessageQueues(topic);
        lite.assign(queues);
        for (MessageQueue queue : queues) {
            lite.seek(queue, 0);
        }
        Map<String, MessageExt> byKey = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!byKey.keySet().containsAll(required) && System.nanoTime() < deadline) {
            for (MessageExt message : lite.poll(500)) {
                if (byKey.put(message.getKeys(), message) != null) {
                    duplicates.incrementAndGet();
                }
            }
        }
        assertThat(duplicates.get()).as("duplicates read from offset 0").isZero();
        return byKey;
    }

    @Test
    void aGracefulRestartKeepsEveryMessageAndTheCommittedOffsets() throws Exception {
        String topic = "RestartGracefulTopic";
        String group = "restart_graceful_group";
        ApogeeBrokerProcess broker = startBroker("broker-g", topic, Map.of());
        DefaultMQProducer producer = producer("restart_graceful_producer");
        int first = 200;
        for (int i = 0; i < first; i++) {
            assertThat(producer.send(message(topic, "g-" + i)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }

        // A push consumer takes the first batch and commits its offsets.
        Set<String> before = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer push = pushConsumer(group, topic, before);
        await("first batch consumed").atMost(DEADLINE).until(() -> before.size() >= first);
        await("offsets committed").atMost(DEADLINE).until(() -> admin.examineConsumeStats(group).computeTotalDiff() == 0);
        push.shutdown();

        Process process = broker.process();
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("graceful stop within 30 s").isTrue();
        broker = restart(broker);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            sent.add("g-" + i);
        }
        Map<String, MessageExt> all = readAll(topic, "restart_graceful_reader", sent);
        assertThat(all).hasSize(first);
        for (int i = 0; i < first; i++) {
            MessageExt message = all.get("g-" + i);
            assertThat(message).as("g-" + i).isNotNull();
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("body of g-" + i);
        }

        // The group resumes from its committed offsets: it gets the new messages and none of the old.
        await("producer reaches the restarted broker").atMost(DEADLINE).ignoreExceptions().until(() ->
                producer.send(message(topic, "g-after-0")).getSendStatus() == SendStatus.SEND_OK);
        int second = 50;
        for (int i = 1; i < second; i++) {
            assertThat(producer.send(message(topic, "g-after-" + i)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
        Set<String> after = ConcurrentHashMap.newKeySet();
        pushConsumer(group, topic, after);
        await("second batch consumed").atMost(DEADLINE).until(() -> after.size() >= second);
        await("offsets committed again").atMost(DEADLINE)
                .until(() -> admin.examineConsumeStats(group).computeTotalDiff() == 0);
        assertThat(after).as("only messages sent after the restart").allMatch(key -> key.startsWith("g-after-"))
                .hasSize(second);
    }

    private DefaultMQPushConsumer pushConsumer(String group, String topic, Set<String> keys) throws Exception {
        DefaultMQPushConsumer push = new DefaultMQPushConsumer(group);
        push.setNamesrvAddr(namesrv.address());
        push.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        push.setPersistConsumerOffsetInterval(500);
        push.subscribe(topic, "*");
        push.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> keys.add(m.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        push.start();
        clients.add(push::shutdown);
        return push;
    }

    @Test
    void aSigkillUnderSyncFlushLosesNoAcknowledgedSend() throws Exception {
        String topic = "RestartKillTopic";
        ApogeeBrokerProcess broker = startBroker("broker-k", topic, Map.of("flushDiskType", "SYNC_FLUSH"));
        DefaultMQProducer producer = producer("restart_kill_producer");

        ConcurrentMap<String, SendResult> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 100_000 && !stop.get(); i++) {
                String key = "k-" + i;
                try {
                    SendResult result = producer.send(message(topic, key));
                    if (result.getSendStatus() == SendStatus.SEND_OK) {
                        acknowledged.put(key, result);
                    }
                } catch (Exception e) {
                    // expected once the broker is gone
                    if (failures.incrementAndGet() > 20) {
                        return;
                    }
                }
            }
        }, "restart-kill-sender");
        sender.start();
        try {
            await("sends acknowledged before the kill").atMost(DEADLINE).until(() -> acknowledged.size() >= 300);
            broker.kill();
            await("a send fails after the kill").atMost(DEADLINE).until(() -> failures.get() > 0);
        } finally {
            stop.set(true);
            sender.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(sender.isAlive()).isFalse();
        System.out.printf("SIGKILL under SYNC_FLUSH: %d sends acknowledged, %d failed after the kill%n",
                acknowledged.size(), failures.get());

        broker = restart(broker);

        // Per queue, the max offset covers every acknowledged offset.
        Map<MessageQueue, Long> maxOffsets = new ConcurrentHashMap<>();
        await("topic stats after restart").atMost(DEADLINE).ignoreExceptions().untilAsserted(() ->
                admin.examineTopicStats(topic).getOffsetTable().forEach((q, o) -> maxOffsets.put(q, o.getMaxOffset())));
        for (SendResult result : acknowledged.values()) {
            assertThat(maxOffsets.get(result.getMessageQueue())).as(result.toString())
                    .isGreaterThan(result.getQueueOffset());
        }

        Map<String, MessageExt> all = readAll(topic, "restart_kill_reader", acknowledged.keySet());
        assertThat(all.keySet()).as("every acknowledged send survives the kill").containsAll(acknowledged.keySet());
        acknowledged.forEach((key, result) -> {
            MessageExt message = all.get(key);
            assertThat(message.getQueueId()).isEqualTo(result.getMessageQueue().getQueueId());
            assertThat(message.getQueueOffset()).isEqualTo(result.getQueueOffset());
            assertThat(message.getMsgId()).isEqualTo(result.getMsgId());
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("body of " + key);
        });
    }
}
