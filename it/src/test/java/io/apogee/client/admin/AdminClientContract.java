package io.apogee.client.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.client.BrokerException;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.target.Target;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.OffsetWrapper;
import io.apogee.remoting.protocol.body.QueueData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our admin client against a running cluster (ours, and the official 5.3.3 one, through the
 * subclasses): what it creates, changes and reads is what the cluster holds; topics and groups come
 * and go; offsets are committed, read and reset; stats, connections and message lookups agree with
 * what was sent. Names are unique per run: the target is shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminClientContract {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Target target;
    private AdminClient admin;
    private Producer producer;
    private String prefix;

    protected abstract Target target();

    @BeforeAll
    void start() {
        target = target();
        prefix = "ac_" + Long.toString(System.nanoTime(), 36) + "_";
        admin = AdminClient.builder().namesrvAddr(target.namesrvAddr()).clientIp("127.0.0.1")
                .instanceName(prefix + "admin").build();
        producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "pg")
                .clientIp("127.0.0.1").instanceName(prefix + "producer").build();
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    private SendResult send(String topic, String body, String key) {
        Message.Builder m = Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            m.keys(List.of(key));
        }
        return producer.send(m.build());
    }

    private String addr(int broker) {
        return target.brokerAddr(target.brokerNames().get(broker));
    }

    @Test
    void clusterInfoListsTheTargetsBrokersAndMasters() {
        ClusterInfo info = admin.clusterInfo();
        assertThat(info.clusters().get(target.clusterName())).containsAll(target.brokerNames());
        assertThat(info.masterAddrs(target.clusterName())).containsExactlyInAnyOrderElementsOf(
                target.brokerNames().stream().map(target::brokerAddr).toList());
        for (String name : target.brokerNames()) {
            assertThat(info.brokers().get(name).cluster()).isEqualTo(target.clusterName());
        }
        assertThatThrownBy(() -> info.masterAddrs("NoSuchCluster")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchCluster");
    }

    @Test
    void aTopicIsCreatedUpdatedListedAndRouted() {
        String topic = prefix + "life";
        admin.createOrUpdateTopic(target.clusterName(),
                new TopicConfig(topic, 3, 3, 6, "SINGLE_TAG", 0, false, Map.of()));
        await().atMost(DEADLINE).until(() -> admin.topicRoute(topic)
                .map(r -> r.brokers().size() == target.brokerNames().size()).orElse(false));
        TopicRoute route = admin.topicRoute(topic).orElseThrow();
        assertThat(route.queues()).extracting(QueueData::readQueueNums).containsOnly(3);
        assertThat(route.masterAddrs()).containsExactlyInAnyOrderElementsOf(
                target.brokerNames().stream().map(target::brokerAddr).toList());
        assertThat(admin.topics()).contains(topic);
        assertThat(admin.topicConfig(addr(0), topic).orElseThrow().writeQueueNums()).isEqualTo(3);

        admin.createOrUpdateTopicOnBroker(addr(0), new TopicConfig(topic, 5, 5, 6, "SINGLE_TAG", 0, false, Map.of()));
        assertThat(admin.topicConfig(addr(0), topic).orElseThrow().readQueueNums()).isEqualTo(5);
        assertThat(admin.topicConfig(addr(1), topic).orElseThrow().readQueueNums()).isEqualTo(3);
    }

    @Test
    void aTopicIsDeletedFromTheBrokersAndTheNameServer() {
        // (Targets turns the official broker's timer wheel on: without it 5.3.3 cannot delete topics.)
        String topic = prefix + "doomed";
        target.createTopic(topic, 2);
        admin.deleteTopic(target.clusterName(), topic);
        assertThat(admin.topicConfig(addr(0), topic)).isEmpty();
        assertThat(admin.topicConfig(addr(1), topic)).isEmpty();
        assertThat(admin.topicRoute(topic)).isEmpty();
    }

    @Test
    void topicStatsCountWhatWasSent() {
        String topic = prefix + "stats";
        target.createTopic(topic, 2);
        for (int i = 0; i < 10; i++) {
            send(topic, "stats-" + i, null);
        }
        await().atMost(DEADLINE).until(() -> admin.topicStats(topic).messageCount() == 10);
        TopicStats stats = admin.topicStats(topic);
        assertThat(stats.offsets()).hasSize(2 * target.brokerNames().size());
        assertThat(stats.offsets().keySet()).extracting(MessageQueue::topic).containsOnly(topic);
        assertThatThrownBy(() -> admin.topicStats(prefix + "missing")).isInstanceOf(BrokerException.class)
                .satisfies(e -> assertThat(((BrokerException) e).responseCode()).isEqualTo(17));
    }

    @Test
    void aSubscriptionGroupIsCreatedUpdatedAndDeleted() {
        String group = prefix + "group";
        admin.createOrUpdateGroup(target.clusterName(), SubscriptionGroup.defaults(group).withRetryMaxTimes(5));
        for (int b = 0; b < target.brokerNames().size(); b++) {
            SubscriptionGroup stored = admin.group(addr(b), group).orElseThrow();
            assertThat(stored.retryMaxTimes()).isEqualTo(5);
            assertThat(stored.consumeBroadcastEnable()).isFalse();
            assertThat(stored.consumeEnable()).isTrue();
        }
        admin.createOrUpdateGroupOnBroker(addr(0), SubscriptionGroup.defaults(group).withConsumeMessageOrderly(true));
        assertThat(admin.group(addr(0), group).orElseThrow().consumeMessageOrderly()).isTrue();
        assertThat(admin.group(addr(0), group).orElseThrow().retryMaxTimes()).isEqualTo(16);

        assertThat(admin.groups(addr(1))).containsKey(group);

        admin.deleteGroup(target.clusterName(), group, true);
        // Listed, not looked up: the official broker answers a lookup of an unknown group with a new default one.
        for (int b = 0; b < target.brokerNames().size(); b++) {
            assertThat(admin.groups(addr(b))).doesNotContainKey(group);
        }
    }

    @Test
    void offsetsAreCommittedReadResetAndShownInConsumeStats() {
        String topic = prefix + "offsets";
        String group = prefix + "cg";
        target.createTopic(topic, 2);
        target.createGroup(group);
        Map<MessageQueue, Integer> sent = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            sent.merge(send(topic, "offset-" + i, null).messageQueue(), 1, Integer::sum);
        }
        MessageQueue busiest = sent.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        assertThat(admin.consumerOffset(group, busiest)).isEmpty();
        for (MessageQueue queue : sent.keySet()) {
            admin.updateConsumerOffset(group, queue, 1);
        }
        assertThat(admin.consumerOffset(group, busiest)).hasValue(1);

        ConsumeStats stats = admin.consumeStats(group, topic);
        Map<MessageQueue, OffsetWrapper> ours = stats.offsets().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ours.values().stream().mapToLong(OffsetWrapper::brokerOffset).sum()).isEqualTo(12);
        assertThat(ours.get(busiest).consumerOffset()).isEqualTo(1);
        assertThat(stats.diffTotal()).isEqualTo(12 - sent.size());

        Map<MessageQueue, Long> reset = admin.resetOffsetByTime(group, topic, 0);
        assertThat(reset.keySet()).contains(busiest);
        assertThat(reset.values()).containsOnly(0L);
        assertThat(admin.consumerOffset(group, busiest)).hasValue(0);

        assertThat(admin.resetOffset(group, busiest, 2)).isEqualTo(2);
        assertThat(admin.consumerOffset(group, busiest)).hasValue(2);
    }

    @Test
    void consumerConnectionsListAnOnlineMember() {
        String topic = prefix + "conn";
        String group = prefix + "conn_cg";
        target.createTopic(topic, 2);
        target.createGroup(group);
        try (LitePullConsumer consumer = LitePullConsumer.builder().namesrvAddr(target.namesrvAddr())
                .consumerGroup(group).clientIp("127.0.0.1").instanceName(prefix + "conn").build()) {
            consumer.subscribe(topic, "TagA || TagB");
            await().atMost(DEADLINE).ignoreException(BrokerException.class)
                    .until(() -> admin.consumerConnections(group).clientIds().contains(consumer.clientId()));
            ConsumerConnections connections = admin.consumerConnections(group);
            assertThat(connections.consumeType()).isEqualTo("CONSUME_ACTIVELY");
            assertThat(connections.messageModel()).isEqualTo("CLUSTERING");
            assertThat(connections.subscriptions().get(topic).subString()).isEqualTo("TagA || TagB");
        }
        assertThatThrownBy(() -> admin.consumerConnections(prefix + "never_online"))
                .isInstanceOf(BrokerException.class);
    }

    @Test
    void messagesAreFoundByOffsetIdKeyAndUniqueKey() {
        String topic = prefix + "lookup";
        target.createTopic(topic, 2);
        String key = prefix + "order-42";
        SendResult sent = send(topic, "look me up", key);
        send(topic, "another one", prefix + "order-43");

        ReceivedMessage viewed = admin.viewMessage(sent.offsetMsgId());
        assertThat(new String(viewed.body(), StandardCharsets.UTF_8)).isEqualTo("look me up");
        assertThat(viewed.msgId()).isEqualTo(sent.msgId());
        assertThat(viewed.topic()).isEqualTo(topic);

        // The index is built after the store answers: wait for it.
        await().atMost(DEADLINE).until(() -> !admin.queryMessageByKey(topic, key, 32, 0, Long.MAX_VALUE).isEmpty());
        List<ReceivedMessage> byKey = admin.queryMessageByKey(topic, key, 32, 0, Long.MAX_VALUE);
        assertThat(byKey).extracting(ReceivedMessage::msgId).containsExactly(sent.msgId());

        Optional<ReceivedMessage> byUnique = admin.queryMessageByUniqueKey(topic, sent.msgId());
        assertThat(byUnique).map(ReceivedMessage::offsetMsgId).hasValue(sent.offsetMsgId());
        assertThat(admin.queryMessageByKey(topic, prefix + "no-such-key", 32, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> admin.topicRoute("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> admin.topicRoute("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic=a b");
        assertThatThrownBy(() -> admin.createOrUpdateTopic("NoSuchCluster", TopicConfig.of(prefix + "x", 1, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchCluster");
        assertThatThrownBy(() -> admin.createOrUpdateTopicOnBroker(addr(0), TopicConfig.of(prefix + "x", 1, 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perm");
        assertThatThrownBy(() -> admin.viewMessage("not-an-id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionGroup.defaults("bad group")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminClient.builder().namesrvAddr("nohost").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namesrvAddr");
    }
}
