package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Consumption across client implementations on our broker: what the official producer sends (plain,
 * compressed above 4 KiB, batched) our push consumer reads byte for byte, and what our producer sends
 * (likewise) the official push consumer reads. Batched messages are matched by body: on the official
 * 5.3.3 broker as on ours, consumers of either kind see the batch's own {@code UNIQ_KEY} as the msgId
 * of every message of the batch (the ids the send returns are not the ones consumers see).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushConsumerMixedClientsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Target target;
    private String prefix;

    @BeforeAll
    void start() {
        target = Targets.apogee();
        prefix = "pmix_" + Long.toString(System.nanoTime(), 36) + "_";
    }

    /** A compressible body of {@code size} bytes, distinct per {@code seed}. */
    private static byte[] big(String seed, int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append(seed).append(" lorem ipsum dolor sit amet ").append(sb.length()).append('\n');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ourPushConsumerReadsTheOfficialProducersPlainCompressedAndBatchedMessages() throws Exception {
        String topic = prefix + "from_official";
        String group = prefix + "ours_cg";
        target.createTopic(topic, 2);
        target.createGroup(group);
        Map<String, byte[]> expected = new HashMap<>();
        List<String> batchBodies = new ArrayList<>();
        DefaultMQProducer official = new DefaultMQProducer(prefix + "official_pg");
        official.setNamesrvAddr(target.namesrvAddr());
        official.setInstanceName(prefix + "official_producer");
        official.start();
        try {
            for (int i = 0; i < 3; i++) {
                byte[] body = text("plain-" + i);
                expected.put(official.send(new org.apache.rocketmq.common.message.Message(topic, "T", body))
                        .getMsgId(), body);
                byte[] large = big("official-" + i, 16 * 1024);
                expected.put(official.send(new org.apache.rocketmq.common.message.Message(topic, "T", large))
                        .getMsgId(), large);
            }
            List<org.apache.rocketmq.common.message.Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(new org.apache.rocketmq.common.message.Message(topic, "T", text("batched-" + i)));
            }
            assertThat(official.send(batch).getMsgId().split(",")).hasSize(5);
            for (int i = 0; i < 5; i++) {
                batchBodies.add("batched-" + i);
            }
        } finally {
            official.shutdown();
        }

        Map<String, byte[]> got = new ConcurrentHashMap<>();
        List<String> gotBodies = new CopyOnWriteArrayList<>();
        Map<String, String> tags = new ConcurrentHashMap<>();
        try (PushConsumer consumer = PushConsumer.builder().namesrvAddr(target.namesrvAddr()).consumerGroup(group)
                .clientIp("127.0.0.1").instanceName(prefix + "ours").subscribe(topic, "T")
                .consumeFromWhere(io.apogee.client.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .messageListenerConcurrently((messages, context) -> {
                    for (ReceivedMessage m : messages) {
                        got.put(m.msgId(), m.body());
                        gotBodies.add(new String(m.body(), StandardCharsets.UTF_8));
                        tags.put(m.msgId(), m.tags());
                    }
                    return io.apogee.client.consumer.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).build()) {
            await().atMost(DEADLINE).until(() -> gotBodies.size() >= expected.size() + batchBodies.size());
        }
        assertThat(got).containsKeys(expected.keySet().toArray(String[]::new));
        expected.forEach((id, body) -> assertThat(got.get(id)).as(id).isEqualTo(body));
        assertThat(gotBodies).hasSize(expected.size() + batchBodies.size()).containsAll(batchBodies);
        assertThat(tags.values()).containsOnly("T");
    }

    @Test
    void theOfficialPushConsumerReadsOurPlainCompressedAndBatchedMessages() throws Exception {
        String topic = prefix + "from_ours";
        String group = prefix + "official_cg";
        target.createTopic(topic, 2);
        target.createGroup(group);
        Map<String, byte[]> expected = new HashMap<>();
        List<String> batchBodies = new ArrayList<>();
        try (Producer producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "pg")
                .clientIp("127.0.0.1").instanceName(prefix + "producer").build()) {
            for (int i = 0; i < 3; i++) {
                byte[] body = text("plain-" + i);
                expected.put(producer.send(Message.builder().topic(topic).tags("T").body(body).build()).msgId(), body);
                byte[] large = big("ours-" + i, 16 * 1024);
                expected.put(producer.send(Message.builder().topic(topic).tags("T").body(large).build()).msgId(),
                        large);
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(Message.builder().topic(topic).tags("T").body(text("batched-" + i)).build());
            }
            SendResult result = producer.send(batch);
            assertThat(result.msgId().split(",")).hasSize(5);
            for (int i = 0; i < 5; i++) {
                batchBodies.add("batched-" + i);
            }
        }

        Map<String, byte[]> got = new ConcurrentHashMap<>();
        List<String> gotBodies = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer official = new DefaultMQPushConsumer(group);
        official.setNamesrvAddr(target.namesrvAddr());
        official.setInstanceName(prefix + "official_consumer");
        official.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        // The official consumer bumps its subVersion when its queues change and heartbeats with tryLock;
        // when that heartbeat loses the race with another, brokers (theirs and ours) answer its pulls
        // SUBSCRIPTION_NOT_LATEST until the next heartbeat: 30 s by default, longer than this test waits.
        official.setHeartbeatBrokerInterval(1000);
        official.subscribe(topic, "T");
        official.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                got.put(m.getMsgId(), m.getBody());
                gotBodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        official.start();
        try {
            await().atMost(DEADLINE).until(() -> gotBodies.size() >= expected.size() + batchBodies.size());
        } finally {
            official.shutdown();
        }
        assertThat(got).containsKeys(expected.keySet().toArray(String[]::new));
        expected.forEach((id, body) -> assertThat(got.get(id)).as(id).isEqualTo(body));
        assertThat(gotBodies).hasSize(expected.size() + batchBodies.size()).containsAll(batchBodies);
    }

    /**
     * The broadcasting offsets file is the official one: our consumer's file is continued by an official
     * consumer of the same client id, and the official consumer's file by ours.
     */
    @Test
    void broadcastingOffsetFilesCarryOverBetweenOurAndTheOfficialConsumer() throws Exception {
        String topic = prefix + "bfile";
        String group = prefix + "bfile_cg";
        String instance = prefix + "bfile_member";
        target.createTopic(topic, 2);
        target.createGroup(group);
        // The official client fixes its directory when its class loads; ours reads the property each time.
        String previous = System.setProperty(LocalOffsetStore.DIR_PROPERTY,
                org.apache.rocketmq.client.consumer.store.LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR);
        try (Producer producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "bfile_pg")
                .clientIp("127.0.0.1").instanceName(prefix + "bfile_producer").build()) {
            sendBodies(producer, topic, "ours-", 6);
            assertThat(consumeWithOurs(topic, group, instance, 6)).containsExactlyInAnyOrderElementsOf(bodies("ours-", 6));

            sendBodies(producer, topic, "official-", 4);
            List<String> official = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
            consumer.setNamesrvAddr(target.namesrvAddr());
            consumer.setClientIP("127.0.0.1");
            consumer.setInstanceName(instance);
            consumer.setMessageModel(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel.BROADCASTING);
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setHeartbeatBrokerInterval(1000); // as above: do not wait 30 s after a lost heartbeat race
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                messages.forEach(m -> official.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            try {
                await().atMost(DEADLINE).until(() -> official.size() >= 4);
            } finally {
                consumer.shutdown();
            }
            assertThat(official).containsExactlyInAnyOrderElementsOf(bodies("official-", 4));

            sendBodies(producer, topic, "again-", 3);
            assertThat(consumeWithOurs(topic, group, instance, 3)).containsExactlyInAnyOrderElementsOf(bodies("again-", 3));
        } finally {
            if (previous == null) {
                System.clearProperty(LocalOffsetStore.DIR_PROPERTY);
            } else {
                System.setProperty(LocalOffsetStore.DIR_PROPERTY, previous);
            }
        }
    }

    private static List<String> bodies(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static void sendBodies(Producer producer, String topic, String prefix, int count) {
        for (String body : bodies(prefix, count)) {
            producer.send(Message.builder().topic(topic).body(text(body)).build());
        }
    }

    /** Runs our broadcasting consumer until {@code count} messages came, and a little beyond for extras. */
    private List<String> consumeWithOurs(String topic, String group, String instance, int count) {
        List<String> got = new CopyOnWriteArrayList<>();
        try (PushConsumer consumer = PushConsumer.builder().namesrvAddr(target.namesrvAddr()).consumerGroup(group)
                .clientIp("127.0.0.1").instanceName(instance).subscribe(topic, "*")
                .messageModel(MessageModel.BROADCASTING)
                .consumeFromWhere(io.apogee.client.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .messageListenerConcurrently((messages, context) -> {
                    messages.forEach(m -> got.add(new String(m.body(), StandardCharsets.UTF_8)));
                    return io.apogee.client.consumer.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).build()) {
            await().atMost(DEADLINE).until(() -> got.size() >= count);
        }
        return got;
    }
}
