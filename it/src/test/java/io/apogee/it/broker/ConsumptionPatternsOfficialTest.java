package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How official push consumers share and filter a topic on our broker: tag expressions, broadcasting,
 * two members of a group splitting the queues, and a member that restarts resuming from its
 * committed offset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumptionPatternsOfficialTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new CopyOnWriteArrayList<>();

    private java.nio.file.Path offsetDir;
    private String previousOffsetDir;

    @BeforeAll
    void startApogee() throws Exception {
        // Broadcasting consumers keep their offsets in local files, by default under the user's home:
        // a fresh directory per run, so that offsets from an earlier run never skip this run's messages.
        offsetDir = java.nio.file.Files.createTempDirectory("apogee-it-offsets");
        previousOffsetDir = System.setProperty("rocketmq.client.localOffsetStoreDir", offsetDir.toString());
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of());
        producer = new DefaultMQProducer("patterns_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.start();
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        consumers.clear();
    }

    @AfterAll
    void stopApogee() {
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
        if (previousOffsetDir == null) {
            System.clearProperty("rocketmq.client.localOffsetStoreDir");
        } else {
            System.setProperty("rocketmq.client.localOffsetStoreDir", previousOffsetDir);
        }
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(offsetDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }

    private void send(String topic, int count, String... tags) throws Exception {
        send(topic, 0, count, tags);
    }

    /** Sends messages with sequence numbers {@code from} to {@code from + count - 1}. */
    private void send(String topic, int from, int count, String... tags) throws Exception {
        for (int i = from; i < from + count; i++) {
            Message message = new Message(topic, tags[i % tags.length], ("m" + i).getBytes(StandardCharsets.UTF_8));
            message.putUserProperty("seq", Integer.toString(i));
            assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
    }

    private DefaultMQPushConsumer consumer(String group, String topic, String expression, MessageModel model,
            ConcurrentMap<Integer, AtomicInteger> seen, String instance) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(instance);
        consumer.setMessageModel(model);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, expression);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                seen.computeIfAbsent(Integer.parseInt(message.getUserProperty("seq")), s -> new AtomicInteger())
                        .incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    @Test
    void aTagExpressionDeliversOnlyTheTagsItNames() throws Exception {
        send("TagTopic", 300, "A", "B", "C");
        ConcurrentMap<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        ConcurrentMap<String, AtomicInteger> tags = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("tag_group");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("TagTopic", "A || C");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                seen.computeIfAbsent(Integer.parseInt(message.getUserProperty("seq")), s -> new AtomicInteger())
                        .incrementAndGet();
                tags.computeIfAbsent(message.getTags(), t -> new AtomicInteger()).incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        consumers.add(consumer);
        await().atMost(DEADLINE).until(() -> seen.size() >= 200);
        assertThat(tags.keySet()).containsExactlyInAnyOrder("A", "C");
        assertThat(seen).hasSize(200);
        assertThat(seen.keySet()).allMatch(seq -> seq % 3 != 1);
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryMember() throws Exception {
        send("BroadcastTopic", 100, "T");
        ConcurrentMap<Integer, AtomicInteger> first = new ConcurrentHashMap<>();
        ConcurrentMap<Integer, AtomicInteger> second = new ConcurrentHashMap<>();
        consumer("broadcast_group", "BroadcastTopic", "*", MessageModel.BROADCASTING, first, "b1");
        consumer("broadcast_group", "BroadcastTopic", "*", MessageModel.BROADCASTING, second, "b2");
        await().atMost(DEADLINE).until(() -> first.size() >= 100 && second.size() >= 100);
        assertThat(first).hasSize(100);
        assertThat(second).hasSize(100);
    }

    @Test
    void twoMembersOfAGroupSplitTheQueues() throws Exception {
        send("SplitTopic", 1_000_000, 1, "T"); // creates the topic (4 queues) so that both members see the route
        ConcurrentMap<Integer, AtomicInteger> first = new ConcurrentHashMap<>();
        ConcurrentMap<Integer, AtomicInteger> second = new ConcurrentHashMap<>();
        DefaultMQPushConsumer one = consumer("split_group", "SplitTopic", "*", MessageModel.CLUSTERING, first, "s1");
        DefaultMQPushConsumer two = consumer("split_group", "SplitTopic", "*", MessageModel.CLUSTERING, second, "s2");
        await().atMost(DEADLINE).until(() -> assigned(one) + assigned(two) == 4 && assigned(one) == 2);
        send("SplitTopic", 400, "T");
        await().atMost(DEADLINE).until(() -> union(first, second).size() >= 401);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        Set<Integer> overlap = new java.util.HashSet<>(first.keySet());
        overlap.retainAll(second.keySet());
        assertThat(overlap).as("messages delivered to both members").isEmpty();
    }

    @Test
    void aRestartedConsumerResumesFromItsCommittedOffset() throws Exception {
        send("ResumeTopic", 100, "T");
        ConcurrentMap<Integer, AtomicInteger> before = new ConcurrentHashMap<>();
        DefaultMQPushConsumer first = consumer("resume_group", "ResumeTopic", "*", MessageModel.CLUSTERING, before, "r1");
        await().atMost(DEADLINE).until(() -> before.size() >= 100);
        first.shutdown(); // commits its offsets on the way out
        consumers.remove(first);

        send("ResumeTopic", 50, "T");
        ConcurrentMap<Integer, AtomicInteger> after = new ConcurrentHashMap<>();
        consumer("resume_group", "ResumeTopic", "*", MessageModel.CLUSTERING, after, "r2");
        await().atMost(DEADLINE).until(() -> after.size() >= 50);
        // The second round's sequence numbers restart at 0, so a re-delivery of the first round shows as
        // a count above one; the restarted consumer must see the 50 new messages once each, nothing else.
        assertThat(after).hasSize(50);
        assertThat(after.values()).allMatch(count -> count.get() == 1);
    }

    private static int assigned(DefaultMQPushConsumer consumer) {
        try {
            return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Set<Integer> union(Map<Integer, AtomicInteger> a, Map<Integer, AtomicInteger> b) {
        Set<Integer> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
