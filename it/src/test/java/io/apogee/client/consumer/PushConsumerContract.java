package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.MessageQueueSelector;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.target.Target;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our push consumer against a running cluster of two brokers; run against ours and the official one by
 * the subclasses. Each test uses its own topic and group. Timers that only decide how fast a test
 * converges (rebalance, route polling, offset persistence) are shortened; the behaviour is the default one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PushConsumerContract {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Target target;
    private Producer producer;
    private String prefix;
    private final List<PushConsumer> consumers = new ArrayList<>();

    protected abstract Target target();

    @BeforeAll
    void start() {
        target = target();
        prefix = "push_" + Long.toString(System.nanoTime(), 36) + "_";
        producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "pg")
                .clientIp("127.0.0.1").instanceName(prefix + "producer").build();
    }

    @AfterAll
    void stop() {
        consumers.forEach(PushConsumer::close);
        if (producer != null) {
            producer.close();
        }
    }

    private String topic(String name) {
        String topic = prefix + name;
        target.createTopic(topic, 4);
        return topic;
    }

    private String group(String name) {
        String group = prefix + name + "_cg";
        target.createGroup(group);
        return group;
    }

    private PushConsumerBuilder consumer(String group, String topic, String expression, String instance) {
        return PushConsumer.builder().namesrvAddr(target.namesrvAddr()).consumerGroup(group)
                .clientIp("127.0.0.1").instanceName(prefix + instance).subscribe(topic, expression)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .pollNameServerInterval(1000).rebalanceInterval(2000).persistConsumerOffsetInterval(500);
    }

    private PushConsumer started(PushConsumerBuilder builder) {
        PushConsumer consumer = builder.build();
        consumers.add(consumer);
        return consumer;
    }

    private SendResult send(String topic, String tags, String body) {
        Message.Builder m = Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8));
        if (tags != null) {
            m.tags(tags);
        }
        return producer.send(m.build());
    }

    private static String text(ReceivedMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    private static Set<MessageQueue> topicQueues(PushConsumer consumer, String topic) {
        return consumer.assignment().stream().filter(q -> q.topic().equals(topic)).collect(Collectors.toSet());
    }

    @Test
    void concurrentConsumerGetsEveryMatchingMessageOfBothBrokersOnce() {
        String topic = topic("conc");
        Map<String, String> expected = new HashMap<>();
        Set<String> brokers = new HashSet<>();
        for (int i = 0; i < 36; i++) {
            String tag = List.of("A", "B", "C").get(i % 3);
            SendResult result = send(topic, tag, tag + "-" + i);
            brokers.add(result.messageQueue().brokerName());
            if (!tag.equals("C")) {
                expected.put(result.msgId(), tag + "-" + i);
            }
        }
        assertThat(brokers).hasSize(2);
        Map<String, String> got = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> topics = new ConcurrentLinkedQueue<>();
        started(consumer(group("conc"), topic, "A || B", "conc").consumeMessageBatchMaxSize(4)
                .messageListenerConcurrently((messages, context) -> {
                    for (ReceivedMessage m : messages) {
                        topics.add(m.topic());
                        tags.add(m.tags());
                        if (got.put(m.msgId(), text(m)) != null) {
                            duplicates.add(m.msgId());
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }));

        await().atMost(DEADLINE).until(() -> got.size() >= expected.size());
        assertThat(got).isEqualTo(expected);
        assertThat(duplicates).isEmpty();
        assertThat(tags).doesNotContain("C");
        assertThat(topics).containsOnly(topic);
    }

    @Test
    void orderlyConsumerKeepsTheOrderOfEachQueue() {
        String topic = topic("orderly");
        Map<String, List<Integer>> sent = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String key = "order" + (i % 6);
            Message m = Message.builder().topic(topic).keys(key)
                    .body((key + ":" + i).getBytes(StandardCharsets.UTF_8)).build();
            producer.send(m, MessageQueueSelector.byHash(), key);
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> got = new ConcurrentHashMap<>();
        Map<MessageQueue, List<Long>> offsets = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();
        Set<MessageQueue> inListener = ConcurrentHashMap.newKeySet();
        started(consumer(group("orderly"), topic, "*", "orderly").consumeMessageBatchMaxSize(3)
                .messageListenerOrderly((messages, context) -> {
                    if (!inListener.add(context.messageQueue())) {
                        overlaps.add(context.messageQueue().toString());
                    }
                    try {
                        for (ReceivedMessage m : messages) {
                            String[] parts = text(m).split(":");
                            got.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                            offsets.computeIfAbsent(context.messageQueue(), k -> new ArrayList<>()).add(m.queueOffset());
                        }
                    } finally {
                        inListener.remove(context.messageQueue());
                    }
                    return ConsumeOrderlyStatus.SUCCESS;
                }));

        await().atMost(DEADLINE).until(() -> got.values().stream().mapToInt(List::size).sum() >= 60);
        assertThat(got).isEqualTo(sent);
        assertThat(overlaps).isEmpty();
        offsets.values().forEach(list -> assertThat(list).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void aFailedMessageComesBackWithItsReconsumeCountAndIsNotLost() {
        String topic = topic("retry");
        Map<String, List<Integer>> deliveries = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> topics = new ConcurrentLinkedQueue<>();
        // The default CONSUME_FROM_LAST_OFFSET: the retry queues must still start at 0 (official rule).
        PushConsumer consumer = started(consumer(group("retry"), topic, "*", "retry")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET)
                .messageListenerConcurrently((messages, context) -> {
                    ReceivedMessage m = messages.get(0);
                    deliveries.computeIfAbsent(m.msgId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(m.reconsumeTimes());
                    topics.add(m.topic());
                    // Level 1 (1 s) rather than the broker's choice (level 3, 10 s) keeps the test short.
                    context.delayLevelWhenNextConsume(1);
                    if (m.reconsumeTimes() == 0 && text(m).equals("throw")) {
                        throw new IllegalStateException("listener failure for the test");
                    }
                    if (m.reconsumeTimes() == 0 && text(m).equals("refuse")) {
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }));
        await().atMost(DEADLINE).until(() -> consumer.consumedOffsets().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() >= 0).count() == 8);
        String thrown = send(topic, "A", "throw").msgId();
        String refused = send(topic, "A", "refuse").msgId();
        String fine = send(topic, "A", "fine").msgId();

        await().atMost(DEADLINE).until(() -> deliveries.getOrDefault(thrown, List.of()).size() >= 2
                && deliveries.getOrDefault(refused, List.of()).size() >= 2);
        assertThat(deliveries.get(thrown)).startsWith(0, 1);
        assertThat(deliveries.get(refused)).startsWith(0, 1);
        assertThat(deliveries.get(fine)).containsExactly(0);
        assertThat(topics).containsOnly(topic);
    }

    @Test
    void orderlySuspensionRetriesLocallyThenMovesTheMessageToTheDeadLetterTopic() {
        String topic = topic("odlq");
        String group = group("odlq");
        for (String body : List.of("poison", "after")) {
            producer.send(Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8)).build(),
                    MessageQueueSelector.byHash(), "one-queue");
        }
        List<Integer> poisonCounts = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        started(consumer(group, topic, "*", "odlq").maxReconsumeTimes(2).suspendCurrentQueueTimeMillis(100)
                .messageListenerOrderly((messages, context) -> {
                    ReceivedMessage m = messages.get(0);
                    order.add(text(m));
                    if (text(m).equals("poison")) {
                        poisonCounts.add(m.reconsumeTimes());
                        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
                    }
                    return ConsumeOrderlyStatus.SUCCESS;
                }));

        await().atMost(DEADLINE).until(() -> order.contains("after"));
        assertThat(poisonCounts).containsExactly(0, 1, 2);
        assertThat(order).containsExactly("poison", "poison", "poison", "after");
        await().atMost(DEADLINE).ignoreExceptions().until(() -> target.messageCount("%DLQ%" + group) == 1);
    }

    @Test
    void broadcastingConsumersEachGetEveryMessageAndKeepOffsetsInTheirFile() throws Exception {
        String topic = topic("bcast");
        String group = group("bcast");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            expected.add(send(topic, "A", "b-" + i).msgId());
        }
        Map<String, Set<String>> got = new ConcurrentHashMap<>();
        List<PushConsumer> pair = new ArrayList<>();
        for (String member : List.of("b1", "b2")) {
            Set<String> mine = ConcurrentHashMap.newKeySet();
            got.put(member, mine);
            pair.add(started(consumer(group, topic, "*", member).messageModel(MessageModel.BROADCASTING)
                    .messageListenerConcurrently((messages, context) -> {
                        messages.forEach(m -> mine.add(m.msgId()));
                        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                    })));
        }

        await().atMost(DEADLINE).until(() -> got.values().stream().allMatch(s -> s.size() >= expected.size()));
        assertThat(got.get("b1")).isEqualTo(expected);
        assertThat(got.get("b2")).isEqualTo(expected);
        for (PushConsumer consumer : pair) {
            assertThat(topicQueues(consumer, topic)).hasSize(8);
            Path file = consumer.localOffsetFile();
            consumer.close();
            assertThat(file).endsWith(Path.of(consumer.clientId(), group, "offsets.json"));
            Map<MessageQueue, Long> stored = LocalOffsetStore.parse(Files.readString(file), file);
            assertThat(stored.keySet()).hasSize(8);
            assertThat(stored.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
        }
    }

    @Test
    void aRestartedBroadcastingConsumerContinuesFromItsOffsetsFile() {
        String topic = topic("brestart");
        String group = group("brestart");
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            before.add(send(topic, "A", "before-" + i).msgId());
        }
        Set<String> first = ConcurrentHashMap.newKeySet();
        PushConsumer consumer = started(consumer(group, topic, "*", "brestart").messageModel(MessageModel.BROADCASTING)
                .messageListenerConcurrently((messages, context) -> {
                    messages.forEach(m -> first.add(m.msgId()));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }));
        await().atMost(DEADLINE).until(() -> first.containsAll(before));
        consumer.close();

        Set<String> after = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            after.add(send(topic, "A", "after-" + i).msgId());
        }
        Set<String> second = ConcurrentHashMap.newKeySet();
        // Same instance name, so the same client id and file; CONSUME_FROM_FIRST_OFFSET would replay all without it.
        started(consumer(group, topic, "*", "brestart").messageModel(MessageModel.BROADCASTING)
                .messageListenerConcurrently((messages, context) -> {
                    messages.forEach(m -> second.add(m.msgId()));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }));
        await().atMost(DEADLINE).until(() -> second.containsAll(after));
        assertThat(second).isEqualTo(after);
    }

    @Test
    void closeStoresTheOffsetsSoTheNextMemberContinuesAfterWhatWasConsumed() {
        String topic = topic("close");
        String group = group("close");
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            before.add(send(topic, "A", "before-" + i).msgId());
        }
        Set<String> first = ConcurrentHashMap.newKeySet();
        // Offsets are stored periodically only after a minute here: what the next member sees is close()'s doing.
        PushConsumer consumer = started(consumer(group, topic, "*", "close1").persistConsumerOffsetInterval(60_000)
                .messageListenerConcurrently((messages, context) -> {
                    messages.forEach(m -> first.add(m.msgId()));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }));
        await().atMost(DEADLINE).until(() -> first.containsAll(before));
        consumer.close();

        Set<String> after = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            after.add(send(topic, "A", "after-" + i).msgId());
        }
        Set<String> second = ConcurrentHashMap.newKeySet();
        started(consumer(group, topic, "*", "close2").messageListenerConcurrently((messages, context) -> {
            messages.forEach(m -> second.add(m.msgId()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));
        await().atMost(DEADLINE).until(() -> second.containsAll(after));
        assertThat(second).isEqualTo(after);
    }

    @Test
    void twoMembersSplitTheQueuesAverageAndTheSurvivorTakesAllWhenOneCloses() {
        splitAndTakeOver("avg", AllocateStrategy.averagely(), false);
    }

    @Test
    void twoMembersSplitTheQueuesRoundRobinAndTheSurvivorTakesAllWhenOneIsKilled() {
        splitAndTakeOver("circle", AllocateStrategy.averagelyByCircle(), true);
    }

    @Test
    void orderlyMembersSplitTheQueuesAndTheSurvivorLocksAndContinuesThemAfterAClose() {
        String topic = topic("olock");
        String group = group("olock");
        Map<String, List<Integer>> got = new ConcurrentHashMap<>();
        MessageListenerOrderly listener = (messages, context) -> {
            for (ReceivedMessage m : messages) {
                String[] parts = text(m).split(":");
                got.computeIfAbsent(parts[0], k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(parts[1]));
            }
            return ConsumeOrderlyStatus.SUCCESS;
        };
        PushConsumer first = started(consumer(group, topic, "*", "olock1").messageListenerOrderly(listener));
        PushConsumer second = started(consumer(group, topic, "*", "olock2").messageListenerOrderly(listener));
        await().atMost(DEADLINE).until(() -> topicQueues(first, topic).size() == 4
                && topicQueues(second, topic).size() == 4);
        Map<String, List<Integer>> sent = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String key = "k" + (i % 8);
            producer.send(Message.builder().topic(topic).body((key + ":" + i).getBytes(StandardCharsets.UTF_8))
                    .build(), MessageQueueSelector.byHash(), key);
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            if (i == 19) {
                await().atMost(DEADLINE).until(() -> got.values().stream().mapToInt(List::size).sum() >= 20);
                second.close();
            }
        }

        // The broker's notice prompts the take-over; should it lose a race with the leaving member's
        // unregistration on the other broker, the periodic rebalance (20 s) still does it. This test is
        // about order across the hand-over; splitAndTakeOver checks the notice alone.
        Duration takeOver = DEADLINE.plusSeconds(25);
        await().atMost(takeOver).until(() -> topicQueues(first, topic).size() == 8);
        await().atMost(takeOver).until(() -> got.values().stream().mapToInt(List::size).sum() >= 40);
        assertThat(got).isEqualTo(sent);
    }

    /**
     * Two members split the topic's 8 queues; one leaves (a clean close, or its connections cut as a
     * crash cuts them, which the broker treats as the member leaving) and the other takes them all,
     * prompted by the broker's notice (the rebalance timer is set beyond the test's deadline).
     */
    private void splitAndTakeOver(String name, AllocateStrategy strategy, boolean kill) {
        String topic = topic(name);
        String group = group(name);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MessageListenerConcurrently listener = (messages, context) -> {
            messages.forEach(m -> seen.add(m.msgId()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
        // No rebalance timer within the test: the members react to the broker's NOTIFY_CONSUMER_IDS_CHANGED.
        PushConsumer first = started(consumer(group, topic, "*", name + "1").allocateStrategy(strategy)
                .rebalanceInterval(600_000).messageListenerConcurrently(listener));
        PushConsumer second = started(consumer(group, topic, "*", name + "2").allocateStrategy(strategy)
                .rebalanceInterval(600_000).messageListenerConcurrently(listener));

        await().atMost(DEADLINE).until(() -> topicQueues(first, topic).size() == 4
                && topicQueues(second, topic).size() == 4);
        Set<MessageQueue> union = new HashSet<>(topicQueues(first, topic));
        union.addAll(topicQueues(second, topic));
        assertThat(union).hasSize(8);
        if (strategy == AllocateStrategy.averagelyByCircle()) {
            // Round-robin spreads each broker's queues over both members.
            assertThat(topicQueues(first, topic).stream().map(MessageQueue::brokerName).distinct()).hasSize(2);
        }

        if (kill) {
            second.runtime().remoting().shutdown();
        } else {
            second.close();
        }
        await().atMost(DEADLINE).until(() -> topicQueues(first, topic).size() == 8);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            expected.add(send(topic, "A", name + "-" + i).msgId());
        }
        await().atMost(DEADLINE).until(() -> seen.containsAll(expected));
    }
}
