package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.target.Target;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our lite pull consumer against a running cluster (two brokers); run against ours and the official one
 * by the subclasses. Consumer-side state is checked with the official admin library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LitePullConsumerContract {
    private Target target;
    private Producer producer;
    private String prefix;

    protected abstract Target target();

    @BeforeAll
    void start() {
        target = target();
        prefix = "lp_" + Long.toString(System.nanoTime(), 36) + "_";
        producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "pg")
                .clientIp("127.0.0.1").instanceName(prefix + "producer").build();
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
    }

    private LitePullConsumerBuilder consumer(String group, String instance) {
        return LitePullConsumer.builder().namesrvAddr(target.namesrvAddr()).consumerGroup(prefix + group)
                .clientIp("127.0.0.1").instanceName(prefix + instance)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }

    private String topic(String name) {
        return prefix + name;
    }

    private SendResult send(String topic, String tags, byte[] body) {
        Message.Builder m = Message.builder().topic(topic).body(body);
        if (tags != null) {
            m.tags(tags);
        }
        return producer.send(m.build());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A compressible body of {@code size} bytes, distinct per {@code seed}. */
    private static byte[] big(String seed, int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append(seed).append(" lorem ipsum dolor sit amet ").append(sb.length()).append('\n');
        }
        return text(sb.substring(0, size));
    }

    /** Polls until {@code count} messages have come or 20 s pass. */
    private static List<ReceivedMessage> pollAtLeast(LitePullConsumer consumer, int count) {
        List<ReceivedMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // Each poll returns the moment a batch is there: no pause between polls.
        while (out.size() < count && System.nanoTime() - deadline < 0) {
            out.addAll(consumer.poll(Duration.ofMillis(200)));
        }
        return out;
    }

    @Test
    void readsOurAndTheOfficialProducersMessagesByteExact() throws Exception {
        String topic = topic("lp_mixed");
        target.createTopic(topic, 4);
        Map<String, byte[]> expected = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            byte[] body = text("ours-" + i);
            expected.put(send(topic, "T", body).msgId(), body);
        }
        byte[] ourBig = big("ours", 8192);
        expected.put(send(topic, "T", ourBig).msgId(), ourBig);

        DefaultMQProducer official = new DefaultMQProducer(prefix + "official_pg");
        official.setNamesrvAddr(target.namesrvAddr());
        official.setInstanceName(prefix + "official");
        official.start();
        try {
            for (int i = 0; i < 5; i++) {
                byte[] body = text("official-" + i);
                expected.put(official.send(new org.apache.rocketmq.common.message.Message(topic, "T", body)).getMsgId(),
                        body);
            }
            byte[] officialBig = big("official", 8192);
            expected.put(official.send(new org.apache.rocketmq.common.message.Message(topic, "T", officialBig))
                    .getMsgId(), officialBig);
        } finally {
            official.shutdown();
        }

        try (LitePullConsumer consumer = consumer("mixed_cg", "lp_mixed").build()) {
            consumer.subscribe(topic, "*");
            List<ReceivedMessage> got = pollAtLeast(consumer, expected.size());
            assertThat(got).hasSize(expected.size());
            for (ReceivedMessage m : got) {
                assertThat(expected).containsKey(m.msgId());
                assertThat(m.body()).isEqualTo(expected.get(m.msgId()));
                assertThat(m.topic()).isEqualTo(topic);
                assertThat(m.tags()).isEqualTo("T");
            }
        }
    }

    @Test
    void tagExpressionKeepsOnlyThoseTags() throws Exception {
        String topic = topic("lp_tags");
        target.createTopic(topic, 2);
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            for (String tag : new String[] {"A", "B", "C", null}) {
                SendResult r = send(topic, tag, text(tag + "-" + i));
                if ("A".equals(tag) || "C".equals(tag)) {
                    wanted.add(r.msgId());
                }
            }
        }
        try (LitePullConsumer consumer = consumer("tags_cg", "lp_tags").build()) {
            consumer.subscribe(topic, "A || C");
            List<ReceivedMessage> got = pollAtLeast(consumer, wanted.size());
            got.addAll(consumer.poll(Duration.ofMillis(500)));
            assertThat(got).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(wanted);
            assertThat(got).extracting(ReceivedMessage::tags).containsOnly("A", "C");
        }
    }

    @Test
    void twoConsumersOfOneGroupSplitTheQueues() throws Exception {
        String topic = topic("lp_split");
        target.createTopic(topic, 2); // two per broker: four in all
        try (LitePullConsumer first = consumer("split_cg", "lp_split_1").build()) {
            first.subscribe(topic, "*");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.assignment().size() == 4);
            try (LitePullConsumer second = consumer("split_cg", "lp_split_2").build()) {
                second.subscribe(topic, "*");
                // Prompted by the broker's notice, or else by the 20 s periodic rebalance.
                await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 2
                        && second.assignment().size() == 2);
                Set<MessageQueue> all = new HashSet<>(first.assignment());
                all.addAll(second.assignment());
                assertThat(all).hasSize(4);

                Set<String> sent = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    sent.add(send(topic, null, text("split-" + i)).msgId());
                }
                List<ReceivedMessage> got = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    got.addAll(first.poll(Duration.ofMillis(100)));
                    got.addAll(second.poll(Duration.ofMillis(100)));
                    return got.size() >= sent.size();
                });
                assertThat(got).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }

    @Test
    void commitThenRestartResumesFromTheCommittedOffset() throws Exception {
        String topic = topic("lp_commit");
        target.createTopic(topic, 2);
        for (int i = 0; i < 10; i++) {
            send(topic, null, text("before-" + i));
        }
        try (LitePullConsumer consumer = consumer("commit_cg", "lp_commit").autoCommit(false).build()) {
            consumer.subscribe(topic, "*");
            assertThat(pollAtLeast(consumer, 10)).hasSize(10);
            consumer.commit();
        }
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            after.add(send(topic, null, text("after-" + i)).msgId());
        }
        try (LitePullConsumer consumer = consumer("commit_cg", "lp_commit").autoCommit(false).build()) {
            consumer.subscribe(topic, "*");
            List<ReceivedMessage> got = pollAtLeast(consumer, 5);
            got.addAll(consumer.poll(Duration.ofMillis(500)));
            assertThat(got).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    /**
     * A group's first commits of many queues at once: the official broker creates the group's offset
     * table on the first commit of a topic without atomicity, so commits racing it were lost there
     * (one replayed message per lost queue after a restart) until our client waited for one answer first.
     */
    @Test
    void firstCommitsOfManyQueuesAtOnceAreAllKept() throws Exception {
        String topic = topic("lp_first");
        target.createTopic(topic, 8);
        int messages = 32;
        for (int i = 0; i < messages; i++) {
            send(topic, null, text("first-" + i));
        }
        DefaultMQAdminExt admin = target.admin();
        for (int round = 0; round < 12; round++) {
            String group = "first_cg" + round;
            try (LitePullConsumer consumer = consumer(group, "lp_first" + round).autoCommit(false).build()) {
                consumer.subscribe(topic, "*");
                assertThat(pollAtLeast(consumer, messages)).hasSize(messages);
                consumer.commit();
            }
            assertThat(committed(admin, prefix + group, topic)).as("offsets kept in round %d", round)
                    .isEqualTo(messages);
        }
    }

    @Test
    void seekReplaysFromTheGivenOffset() throws Exception {
        String topic = topic("lp_seek");
        target.createTopic(topic, 1);
        String broker = target.brokerNames().get(0);
        MessageQueue queue = new MessageQueue(topic, broker, 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(producer.send(Message.builder().topic(topic).body(text("seek-" + i)).build(),
                    (queues, message, arg) -> queue, null).msgId());
        }
        try (LitePullConsumer consumer = consumer("seek_cg", "lp_seek").build()) {
            consumer.assign(List.of(queue));
            assertThat(pollAtLeast(consumer, 6)).extracting(ReceivedMessage::msgId).containsExactlyElementsOf(ids);
            consumer.seek(queue, 3);
            assertThat(pollAtLeast(consumer, 3)).extracting(ReceivedMessage::msgId)
                    .containsExactlyElementsOf(ids.subList(3, 6));
            assertThat(consumer.positions()).containsEntry(queue, 6L);
            assertThatThrownBy(() -> consumer.seek(queue, 99)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> consumer.seek(new MessageQueue(topic, broker, 5), 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void heartbeatsDescribeAnActiveClusteringGroupAndAutoCommitStoresOffsetsAtClose() throws Exception {
        String topic = topic("lp_heartbeat");
        String group = prefix + "hb_cg";
        target.createTopic(topic, 1);
        for (int i = 0; i < 3; i++) {
            send(topic, "X", text("hb-" + i));
        }
        DefaultMQAdminExt admin = target.admin();
        try (LitePullConsumer consumer = consumer("hb_cg", "lp_hb").build()) {
            consumer.subscribe(topic, "X || Y");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    admin.examineConsumerConnectionInfo(group).getSubscriptionTable().containsKey(topic));
            ConsumerConnection connection = admin.examineConsumerConnectionInfo(group);
            assertThat(connection.getConsumeType().name()).isEqualTo("CONSUME_ACTIVELY");
            assertThat(connection.getMessageModel().name()).isEqualTo("CLUSTERING");
            assertThat(connection.getConsumeFromWhere().name()).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
            assertThat(connection.getConnectionSet()).extracting(Connection::getClientId)
                    .containsExactly(consumer.clientId());
            assertThat(connection.getSubscriptionTable().get(topic).getTagsSet()).containsExactlyInAnyOrder("X", "Y");
            assertThat(pollAtLeast(consumer, 3)).hasSize(3);
        }
        await("offsets committed at close").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> committed(admin, group, topic) == 3L);
        await("the group empty after close").atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                return admin.examineConsumerConnectionInfo(group).getConnectionSet().isEmpty();
            } catch (Exception offline) {
                return true; // "the consumer group not online"
            }
        });
    }

    private static long committed(DefaultMQAdminExt admin, String group, String topic) throws Exception {
        long total = 0;
        for (var entry : admin.examineConsumeStats(group).getOffsetTable().entrySet()) {
            if (entry.getKey().getTopic().equals(topic)) {
                total += entry.getValue().getConsumerOffset();
            }
        }
        return total;
    }
}
