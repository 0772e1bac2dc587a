package io.apogee.client.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ClusterFixture;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.compression.CompressionType;
import org.apache.rocketmq.common.compression.Compressor;
import org.apache.rocketmq.common.compression.CompressorFactory;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ZLIB, LZ4 and ZSTD bodies across our client and the official 5.3.3 one: the codecs agree byte for
 * byte with the official compressors; the official producer, with {@code rocketmq.message.compressType}
 * set, writes bodies our lite pull consumer reads exactly; our producer with {@code compressType} writes
 * bodies, flagged with the official codec bits, that the official lite pull consumer reads exactly.
 */
class CompressionInteropTest {
    private static final String BROKER = "broker-a";

    @TempDir
    static Path dir;
    static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir, BROKER);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A compressible body well over the 4 KiB threshold, distinct per {@code seed}. */
    private static byte[] body(String seed, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        for (int i = 0; sb.length() < size; i++) {
            sb.append(seed).append(" line ").append(i).append(" of a large compressible body\n");
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static CompressionType official(Compression codec) {
        return CompressionType.valueOf(codec.name());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void ourCodecsAndTheOfficialCompressorsReadEachOther(Compression codec) throws Exception {
        Compressor theirs = CompressorFactory.getCompressor(official(codec));
        byte[] original = body("codec-" + codec, 200_000);
        assertThat(theirs.decompress(codec.compress(ByteBuffer.wrap(original), 5))).isEqualTo(original);
        assertThat(codec.decompress(theirs.compress(original, 5), original.length)).isEqualTo(original);
        assertThat(codec.sysFlagBits()).isEqualTo(MessageSysFlag.COMPRESSED | official(codec).getCompressionFlag());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void theOfficialProducersBodiesAreReadExactlyByOurConsumer(Compression codec) throws Exception {
        String topic = "cmp_official_" + codec;
        cluster.createTopic(topic, 2);
        DefaultMQProducer producer = officialProducer(codec);
        Map<String, byte[]> expected = new HashMap<>();
        try {
            for (int i = 0; i < 4; i++) {
                byte[] big = body(codec + "-" + i, 6_000 + i * 5_000);
                expected.put(producer.send(new org.apache.rocketmq.common.message.Message(topic, big)).getMsgId(), big);
            }
            byte[] small = "under the threshold".getBytes(StandardCharsets.UTF_8);
            expected.put(producer.send(new org.apache.rocketmq.common.message.Message(topic, small)).getMsgId(), small);
        } finally {
            producer.shutdown();
        }

        try (LitePullConsumer consumer = LitePullConsumer.builder().namesrvAddr(cluster.namesrvAddr())
                .consumerGroup("cmp_ours_cg_" + codec).clientIp("127.0.0.1").instanceName("cmp_ours_" + codec)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build()) {
            consumer.subscribe(topic, "*");
            List<ReceivedMessage> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                got.addAll(consumer.poll(Duration.ofMillis(200)));
                return got.size() >= expected.size();
            });
            assertThat(got).hasSize(expected.size());
            for (ReceivedMessage m : got) {
                assertThat(m.body()).as("body of %s", m.msgId()).isEqualTo(expected.get(m.msgId()));
                assertThat(m.sysFlag() & MessageSysFlag.COMPRESSED).as("the compressed bit is cleared").isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void ourProducersBodiesAreReadExactlyByTheOfficialConsumer(Compression codec) throws Exception {
        String topic = "cmp_ours_" + codec;
        cluster.createTopic(topic, 2);
        Map<String, byte[]> expected = new HashMap<>();
        try (Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                .producerGroup("cmp_ours_pg_" + codec).clientIp("127.0.0.1").instanceName("cmp_ours_pg_" + codec)
                .compressType(codec).build()) {
            for (int i = 0; i < 4; i++) {
                byte[] big = body("ours-" + codec + "-" + i, 6_000 + i * 5_000);
                SendResult sent = producer.send(Message.builder().topic(topic).body(big).build());
                expected.put(sent.msgId(), big);
                MessageRecord stored = cluster.stored(BROKER, sent.offsetMsgId());
                assertThat(stored.sysFlag() & (MessageSysFlag.COMPRESSED | MessageSysFlag.COMPRESSION_TYPE_MASK))
                        .as("stored with the official codec bits").isEqualTo(codec.sysFlagBits());
                assertThat(stored.body().length).as("stored compressed").isLessThan(big.length);
            }
        }

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("cmp_official_cg_" + codec);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("cmp_official_cg_" + codec);
        consumer.setAutoCommit(false);
        consumer.start();
        try {
            List<MessageQueue> queues = new ArrayList<>(consumer.fetchMessageQueues(topic));
            consumer.assign(queues);
            for (MessageQueue queue : queues) {
                consumer.seek(queue, 0);
            }
            Map<String, byte[]> got = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (MessageExt m : consumer.poll(200)) {
                    got.put(m.getMsgId(), m.getBody());
                }
                return got.size() >= expected.size();
            });
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((id, body) -> assertThat(got.get(id)).as("body of %s", id).isEqualTo(body));
        } finally {
            consumer.shutdown();
        }
    }

    /** The official producer configured as its users do: {@code rocketmq.message.compressType}, read at construction. */
    private static DefaultMQProducer officialProducer(Compression codec) throws Exception {
        String before = System.getProperty(Compression.TYPE_PROPERTY);
        DefaultMQProducer producer;
        try {
            System.setProperty(Compression.TYPE_PROPERTY, codec.name());
            producer = new DefaultMQProducer("cmp_official_pg_" + codec);
        } finally {
            if (before == null) {
                System.clearProperty(Compression.TYPE_PROPERTY);
            } else {
                System.setProperty(Compression.TYPE_PROPERTY, before);
            }
        }
        assertThat(producer.getCompressType()).isEqualTo(official(codec));
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName("cmp_official_pg_" + codec);
        producer.start();
        return producer;
    }
}
