package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ClusterFixture;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our lite pull consumer against our name server and one broker, in-process on loopback. */
class LitePullConsumerTest {
    private static final String BROKER = "broker-a";

    @TempDir
    static Path dir;
    static ClusterFixture cluster;
    static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir, BROKER);
        producer = Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup("lp_test_pg")
                .clientIp("127.0.0.1").instanceName("lp_producer").build();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static LitePullConsumerBuilder consumer(String group, String instance) {
        return LitePullConsumer.builder().namesrvAddr(cluster.namesrvAddr()).consumerGroup(group)
                .clientIp("127.0.0.1").instanceName(instance)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }

    private static SendResult send(String topic, String tags, byte[] body) {
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

    /** Polls until {@code count} messages have come or 20 s pass; then polls once more briefly for extras. */
    private static List<ReceivedMessage> pollAtLeast(LitePullConsumer consumer, int count) {
        List<ReceivedMessage> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            out.addAll(consumer.poll(Duration.ofMillis(200)));
            return out.size() >= count;
        });
        return out;
    }

    @Test
    void readsOurAndTheOfficialProducersMessagesByteExact() throws Exception {
        String topic = "lp_mixed";
        cluster.createTopic(topic, 4);
        Map<String, byte[]> expected = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            byte[] body = text("ours-" + i);
            expected.put(send(topic, "T", body).msgId(), body);
        }
        byte[] ourBig = big("ours", 8192);
        expected.put(send(topic, "T", ourBig).msgId(), ourBig);

        DefaultMQProducer official = new DefaultMQProducer("lp_official_pg");
        official.setNamesrvAddr(cluster.namesrvAddr());
        official.setInstanceName("lp_official");
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

        try (LitePullConsumer consumer = consumer("lp_mixed_cg", "lp_mixed").build()) {
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
        String topic = "lp_tags";
        cluster.createTopic(topic, 2);
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            for (String tag : new String[] {"A", "B", "C", null}) {
                SendResult r = send(topic, tag, text(tag + "-" + i));
                if ("A".equals(tag) || "C".equals(tag)) {
                    wanted.add(r.msgId());
                }
            }
        }
        try (LitePullConsumer consumer = consumer("lp_tags_cg", "lp_tags").build()) {
            consumer.subscribe(topic, "A || C");
            List<ReceivedMessage> got = pollAtLeast(consumer, wanted.size());
            got.addAll(consumer.poll(Duration.ofMillis(500)));
            assertThat(got).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(wanted);
            assertThat(got).extracting(ReceivedMessage::tags).containsOnly("A", "C");
        }
    }

    @Test
    void twoConsumersOfOneGroupSplitTheQueues() throws Exception {
        String topic = "lp_split";
        cluster.createTopic(topic, 4);
        try (LitePullConsumer first = consumer("lp_split_cg", "lp_split_1").build()) {
            first.subscribe(topic, "*");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.assignment().size() == 4);
            try (LitePullConsumer second = consumer("lp_split_cg", "lp_split_2").build()) {
                second.subscribe(topic, "*");
                await().atMost(Duration.ofSeconds(20)).until(() -> first.assignment().size() == 2
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
        String topic = "lp_commit";
        cluster.createTopic(topic, 2);
        for (int i = 0; i < 10; i++) {
            send(topic, null, text("before-" + i));
        }
        try (LitePullConsumer consumer = consumer("lp_commit_cg", "lp_commit").autoCommit(false).build()) {
            consumer.subscribe(topic, "*");
            assertThat(pollAtLeast(consumer, 10)).hasSize(10);
            consumer.commit();
        }
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            after.add(send(topic, null, text("after-" + i)).msgId());
        }
        try (LitePullConsumer consumer = consumer("lp_commit_cg", "lp_commit").autoCommit(false).build()) {
            consumer.subscribe(topic, "*");
            List<ReceivedMessage> got = pollAtLeast(consumer, 5);
            got.addAll(consumer.poll(Duration.ofMillis(500)));
            assertThat(got).extracting(ReceivedMessage::msgId).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    @Test
    void seekReplaysFromTheGivenOffset() throws Exception {
        String topic = "lp_seek";
        cluster.createTopic(topic, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(send(topic, null, text("seek-" + i)).msgId());
        }
        MessageQueue queue = new MessageQueue(topic, BROKER, 0);
        try (LitePullConsumer consumer = consumer("lp_seek_cg", "lp_seek").build()) {
            consumer.assign(List.of(queue));
            assertThat(pollAtLeast(consumer, 6)).extracting(ReceivedMessage::msgId).containsExactlyElementsOf(ids);
            consumer.seek(queue, 3);
            assertThat(pollAtLeast(consumer, 3)).extracting(ReceivedMessage::msgId)
                    .containsExactlyElementsOf(ids.subList(3, 6));
            assertThat(consumer.positions()).containsEntry(queue, 6L);
            assertThatThrownBy(() -> consumer.seek(queue, 99)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> consumer.seek(new MessageQueue(topic, BROKER, 5), 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void heartbeatsDescribeAnActiveClusteringGroupAndAutoCommitStoresOffsetsAtClose() throws Exception {
        String topic = "lp_heartbeat";
        cluster.createTopic(topic, 1);
        for (int i = 0; i < 3; i++) {
            send(topic, "X", text("hb-" + i));
        }
        var broker = cluster.broker(BROKER).context();
        try (LitePullConsumer consumer = consumer("lp_hb_cg", "lp_hb").build()) {
            consumer.subscribe(topic, "X || Y");
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers().group("lp_hb_cg") != null
                    && broker.consumers().group("lp_hb_cg").subscription(topic) != null);
            var group = broker.consumers().group("lp_hb_cg");
            assertThat(group.consumeType()).isEqualTo("CONSUME_ACTIVELY");
            assertThat(group.messageModel()).isEqualTo("CLUSTERING");
            assertThat(group.consumeFromWhere()).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
            assertThat(group.clientIds()).containsExactly(consumer.clientId());
            assertThat(group.subscription(topic).tagsSet()).containsExactlyInAnyOrder("X", "Y");
            assertThat(pollAtLeast(consumer, 3)).hasSize(3);
        }
        assertThat(broker.offsets().query("lp_hb_cg", topic, 0)).isEqualTo(3L);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumers().group("lp_hb_cg") == null
                || broker.consumers().group("lp_hb_cg").clientIds().isEmpty());
    }
}
