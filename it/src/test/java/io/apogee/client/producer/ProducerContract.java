package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.compression.Compression;
import io.apogee.client.target.Target;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our producer against a running cluster; run against ours and the official one by the subclasses.
 * What was stored is read back with the official admin library, so the check does not rely on our code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProducerContract {
    private Target target;
    private Producer producer;
    private String prefix;

    protected abstract Target target();

    @BeforeAll
    void start() {
        target = target();
        prefix = "pc_" + Long.toString(System.nanoTime(), 36) + "_";
        producer = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "pg")
                .clientIp("127.0.0.1").instanceName(prefix + "instance").build();
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
    }

    private String topic(String name) {
        return prefix + name;
    }

    private MessageExt stored(String topic, String offsetMsgId) {
        return target.viewMessage(topic, offsetMsgId);
    }

    private static Message text(String topic, String body) {
        return Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void syncSendStoresBodyTagsKeysAndPropertiesUnderTheReturnedIds() {
        Message message = Message.builder().topic(topic("client_sync")).tags("TagA").keys("k1", "k2")
                .property("color", "blue").body("hello".getBytes(StandardCharsets.UTF_8)).build();

        SendResult result = producer.send(message);

        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.msgId()).hasSize(32);
        assertThat(result.transactionId()).isEqualTo(result.msgId());
        MessageExt stored = stored(topic("client_sync"), result.offsetMsgId());
        assertThat(stored.getTopic()).isEqualTo(topic("client_sync"));
        assertThat(stored.getQueueId()).isEqualTo(result.messageQueue().queueId());
        assertThat(stored.getQueueOffset()).isEqualTo(result.queueOffset());
        assertThat(stored.getBody()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(stored.getTags()).isEqualTo("TagA");
        assertThat(stored.getKeys()).isEqualTo("k1 k2");
        assertThat(stored.getProperty("color")).isEqualTo("blue");
        assertThat(stored.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX)).isEqualTo(result.msgId());
        assertThat(stored.getSysFlag() & 0x1).isZero();
    }

    @Test
    void asyncSendsAllCompleteAndArrive() {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(producer.sendAsync(text(topic("client_async"), "m" + i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();

        for (int i = 0; i < 50; i++) {
            SendResult result = futures.get(i).join();
            assertThat(new String(stored(topic("client_async"), result.offsetMsgId()).getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("m" + i);
        }
        // Round-robin spreads them over the topic's queues.
        assertThat(futures.stream().map(f -> f.join().messageQueue().queueId()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void onewaySendsArrive() {
        producer.send(text(topic("client_oneway"), "first"));
        for (int i = 0; i < 20; i++) {
            producer.sendOneway(text(topic("client_oneway"), "o" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> target.messageCount(topic("client_oneway")) == 21);
    }

    @Test
    void batchIsStoredAsConsecutiveRecordsOfOneQueue() {
        List<Message> batch = List.of(
                Message.builder().topic(topic("client_batch")).keys("bk0").tags("TagC").body(new byte[] {'b', '0'}).build(),
                text(topic("client_batch"), "b1"), text(topic("client_batch"), "b2"));

        SendResult result = producer.send(batch);

        String[] uniqKeys = result.msgId().split(",");
        String[] offsetIds = result.offsetMsgId().split(",");
        assertThat(uniqKeys).hasSize(3).doesNotHaveDuplicates();
        assertThat(offsetIds).hasSize(3);
        for (int i = 0; i < 3; i++) {
            MessageExt stored = stored(topic("client_batch"), offsetIds[i]);
            assertThat(new String(stored.getBody(), StandardCharsets.UTF_8)).isEqualTo("b" + i);
            assertThat(stored.getQueueId()).isEqualTo(result.messageQueue().queueId());
            assertThat(stored.getQueueOffset()).isEqualTo(result.queueOffset() + i);
        }
        assertThat(stored(topic("client_batch"), offsetIds[0]).getKeys()).isEqualTo("bk0");
    }

    @Test
    void orderedSendsWithOneKeyGoToOneQueueInOrder() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(producer.send(text(topic("client_ordered"), "step" + i), MessageQueueSelector.byHash(), "order-42"));
        }
        MessageQueue queue = results.get(0).messageQueue();
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).messageQueue()).isEqualTo(queue);
            assertThat(results.get(i).queueOffset()).isEqualTo(results.get(0).queueOffset() + i);
        }
        assertThat(producer.publishQueues(topic("client_ordered"))).contains(queue);
    }

    @Test
    void largeBodyIsZlibCompressedAndReadsBackWhole() {
        byte[] body = "compress me please ".repeat(600).getBytes(StandardCharsets.UTF_8);

        SendResult result = producer.send(Message.builder().topic(topic("client_zip")).body(body).build());

        // The admin library inflates the body it shows and clears the compressed bit; the codec bits
        // (ZLIB) and the stored size tell how it was stored.
        MessageExt stored = stored(topic("client_zip"), result.offsetMsgId());
        assertThat(stored.getSysFlag() & 0x700).isEqualTo(0x300);
        assertThat(stored.getStoreSize()).isLessThan(body.length / 10);
        assertThat(stored.getBody()).isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachCodecIsStoredAsTheOfficialDecoderExpectsIt(Compression codec) {
        byte[] body = ("compressed with " + codec + " ").repeat(400).getBytes(StandardCharsets.UTF_8);
        try (Producer compressing = Producer.builder().namesrvAddr(target.namesrvAddr())
                .producerGroup(prefix + "codec_" + codec).clientIp("127.0.0.1").instanceName(prefix + "codec")
                .compressType(codec).build()) {
            SendResult result = compressing.send(Message.builder().topic(topic("client_codec")).body(body).build());

            // The official admin library inflates with the codec the stored flags name.
            MessageExt stored = stored(topic("client_codec"), result.offsetMsgId());
            assertThat(stored.getSysFlag() & 0x700).isEqualTo(codec.number() << 8);
            assertThat(stored.getStoreSize()).isLessThan(body.length / 4);
            assertThat(stored.getBody()).isEqualTo(body);
        }
    }

    @Test
    void smallBodyAndBatchesAreNotCompressed() {
        byte[] small = new byte[4096];
        SendResult single = producer.send(Message.builder().topic(topic("client_zip")).body(small).build());
        SendResult batch = producer.send(List.of(Message.builder().topic(topic("client_zip")).body(new byte[10_000]).build()));

        assertThat(stored(topic("client_zip"), single.offsetMsgId()).getSysFlag() & 0x1).isZero();
        assertThat(stored(topic("client_zip"), batch.offsetMsgId()).getSysFlag() & 0x1).isZero();
        assertThat(stored(topic("client_zip"), batch.offsetMsgId()).getBody()).hasSize(10_000);
    }

    @Test
    void producerGroupIsHeartbeatedToTheBroker() {
        producer.send(text(topic("client_hb"), "x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> target.producerClientIds(prefix + "pg", topic("client_hb"))
                .contains(producer.clientId()));
        assertThat(producer.clientId()).startsWith("127.0.0.1@");
    }

    @Test
    void aDeadNameServerInTheListIsSkipped() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (Producer p = Producer.builder().namesrvAddr("127.0.0.1:" + deadPort + ";" + target.namesrvAddr())
                .producerGroup(prefix + "failover_pg").clientIp("127.0.0.1").build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(p.send(text(topic("client_failover"), "f" + i)).status()).isEqualTo(SendStatus.SEND_OK);
            }
        }
    }

    @Test
    void producersOfOneInstanceNameShareOneClientAndGroupsStayDistinct() {
        try (Producer first = Producer.builder().namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "share_1")
                .clientIp("127.0.0.1").instanceName(prefix + "shared").build();
                Producer second = Producer.builder().namesrvAddr(target.namesrvAddr())
                        .producerGroup(prefix + "share_2").clientIp("127.0.0.1").instanceName(prefix + "shared").build()) {
            assertThat(first.clientId()).isEqualTo("127.0.0.1@" + prefix + "shared").isEqualTo(second.clientId());
            assertThat(first.send(text(topic("client_share"), "1")).status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(second.send(text(topic("client_share"), "2")).status()).isEqualTo(SendStatus.SEND_OK);
            assertThatThrownBy(() -> Producer.builder()
                    .namesrvAddr(target.namesrvAddr()).producerGroup(prefix + "share_1").clientIp("127.0.0.1")
                    .instanceName(prefix + "shared").build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(prefix + "share_1");
            first.close();
            // The runtime lives on for the second producer.
            assertThat(second.send(text(topic("client_share"), "3")).status()).isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void messageOverTheLimitIsRefusedBeforeSending() {
        Message huge = Message.builder().topic(topic("client_big")).body(new byte[4 * 1024 * 1024 + 1]).build();
        assertThatThrownBy(() -> producer.send(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize");
        target.createTopic(topic("client_big"), 2);
        assertThat(target.messageCount(topic("client_big"))).isZero();
        // Exactly the limit is fine.
        byte[] max = new byte[4 * 1024 * 1024];
        new java.util.Random(1).nextBytes(max);
        SendResult result = producer.send(Message.builder().topic(topic("client_big")).body(max).build());
        assertThat(stored(topic("client_big"), result.offsetMsgId()).getBody()).isEqualTo(max);
    }
}
