package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ClusterFixture;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our producer against our name server and one broker, in-process on loopback. */
class ProducerTest {
    @TempDir
    static Path dir;
    static ClusterFixture cluster;
    static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir, "broker-a");
        producer = Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup("client_test_pg")
                .clientIp("127.0.0.1").build();
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

    private static Message text(String topic, String body) {
        return Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void syncSendStoresBodyTagsKeysAndPropertiesUnderTheReturnedIds() {
        Message message = Message.builder().topic("client_sync").tags("TagA").keys("k1", "k2")
                .property("color", "blue").body("hello".getBytes(StandardCharsets.UTF_8)).build();

        SendResult result = producer.send(message);

        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.msgId()).hasSize(32);
        assertThat(result.transactionId()).isEqualTo(result.msgId());
        MessageRecord stored = cluster.stored("broker-a", result.offsetMsgId());
        assertThat(stored.topic()).isEqualTo("client_sync");
        assertThat(stored.queueId()).isEqualTo(result.messageQueue().queueId());
        assertThat(stored.queueOffset()).isEqualTo(result.queueOffset());
        assertThat(stored.body()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(stored.property(PropertyNames.TAGS)).isEqualTo("TagA");
        assertThat(stored.property(PropertyNames.KEYS)).isEqualTo("k1 k2");
        assertThat(stored.property("color")).isEqualTo("blue");
        assertThat(stored.property(PropertyNames.UNIQ_KEY)).isEqualTo(result.msgId());
        assertThat(stored.sysFlag() & 0x1).isZero();
    }

    @Test
    void asyncSendsAllCompleteAndArrive() {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(producer.sendAsync(text("client_async", "m" + i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();

        for (int i = 0; i < 50; i++) {
            SendResult result = futures.get(i).join();
            assertThat(new String(cluster.stored("broker-a", result.offsetMsgId()).body(), StandardCharsets.UTF_8))
                    .isEqualTo("m" + i);
        }
        // Round-robin spreads them over the topic's queues.
        assertThat(futures.stream().map(f -> f.join().messageQueue().queueId()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void onewaySendsArrive() {
        producer.send(text("client_oneway", "first"));
        for (int i = 0; i < 20; i++) {
            producer.sendOneway(text("client_oneway", "o" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.messageCount("client_oneway") == 21);
    }

    @Test
    void batchIsStoredAsConsecutiveRecordsOfOneQueue() {
        List<Message> batch = List.of(
                Message.builder().topic("client_batch").keys("bk0").tags("TagC").body(new byte[] {'b', '0'}).build(),
                text("client_batch", "b1"), text("client_batch", "b2"));

        SendResult result = producer.send(batch);

        String[] uniqKeys = result.msgId().split(",");
        String[] offsetIds = result.offsetMsgId().split(",");
        assertThat(uniqKeys).hasSize(3).doesNotHaveDuplicates();
        assertThat(offsetIds).hasSize(3);
        for (int i = 0; i < 3; i++) {
            MessageRecord stored = cluster.stored("broker-a", offsetIds[i]);
            assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("b" + i);
            assertThat(stored.queueId()).isEqualTo(result.messageQueue().queueId());
            assertThat(stored.queueOffset()).isEqualTo(result.queueOffset() + i);
        }
        assertThat(cluster.stored("broker-a", offsetIds[0]).property(PropertyNames.KEYS)).isEqualTo("bk0");
    }

    @Test
    void orderedSendsWithOneKeyGoToOneQueueInOrder() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(producer.send(text("client_ordered", "step" + i), MessageQueueSelector.byHash(), "order-42"));
        }
        MessageQueue queue = results.get(0).messageQueue();
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).messageQueue()).isEqualTo(queue);
            assertThat(results.get(i).queueOffset()).isEqualTo(results.get(0).queueOffset() + i);
        }
        assertThat(producer.publishQueues("client_ordered")).contains(queue);
    }

    @Test
    void largeBodyIsZlibCompressedAndReadsBackWhole() {
        byte[] body = "compress me please ".repeat(600).getBytes(StandardCharsets.UTF_8);

        SendResult result = producer.send(Message.builder().topic("client_zip").body(body).build());

        MessageRecord stored = cluster.stored("broker-a", result.offsetMsgId());
        assertThat(stored.sysFlag() & 0x701).isEqualTo(0x301);
        assertThat(stored.body().length).isLessThan(body.length / 10);
        ReceivedMessage read = ReceivedMessage.of(stored);
        assertThat(read.body()).isEqualTo(body);
        assertThat(read.sysFlag() & 0x1).isZero();
    }

    @Test
    void smallBodyAndBatchesAreNotCompressed() {
        byte[] small = new byte[4096];
        SendResult single = producer.send(Message.builder().topic("client_zip").body(small).build());
        SendResult batch = producer.send(List.of(Message.builder().topic("client_zip").body(new byte[10_000]).build()));

        assertThat(cluster.stored("broker-a", single.offsetMsgId()).sysFlag() & 0x1).isZero();
        assertThat(cluster.stored("broker-a", batch.offsetMsgId()).sysFlag() & 0x1).isZero();
        assertThat(cluster.stored("broker-a", batch.offsetMsgId()).body()).hasSize(10_000);
    }

    @Test
    void producerGroupIsHeartbeatedToTheBroker() {
        producer.send(text("client_hb", "x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.broker("broker-a").context().producers()
                .groupNames().contains("client_test_pg"));
        assertThat(producer.clientId()).startsWith("127.0.0.1@");
    }

    @Test
    void aDeadNameServerInTheListIsSkipped() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (Producer p = Producer.builder().namesrvAddr("127.0.0.1:" + deadPort + ";" + cluster.namesrvAddr())
                .producerGroup("client_failover_pg").clientIp("127.0.0.1").build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(p.send(text("client_failover", "f" + i)).status()).isEqualTo(SendStatus.SEND_OK);
            }
        }
    }

    @Test
    void producersOfOneInstanceNameShareOneClientAndGroupsStayDistinct() {
        try (Producer first = Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup("client_share_1")
                .clientIp("127.0.0.1").instanceName("shared").build();
                Producer second = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_share_2").clientIp("127.0.0.1").instanceName("shared").build()) {
            assertThat(first.clientId()).isEqualTo("127.0.0.1@shared").isEqualTo(second.clientId());
            assertThat(first.send(text("client_share", "1")).status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(second.send(text("client_share", "2")).status()).isEqualTo(SendStatus.SEND_OK);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Producer.builder()
                    .namesrvAddr(cluster.namesrvAddr()).producerGroup("client_share_1").clientIp("127.0.0.1")
                    .instanceName("shared").build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("client_share_1");
            first.close();
            // The runtime lives on for the second producer.
            assertThat(second.send(text("client_share", "3")).status()).isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void messageOverTheLimitIsRefusedBeforeSending() {
        Message huge = Message.builder().topic("client_big").body(new byte[4 * 1024 * 1024 + 1]).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> producer.send(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize");
        assertThat(cluster.messageCount("client_big")).isZero();
        // Exactly the limit is fine.
        byte[] max = new byte[4 * 1024 * 1024];
        new java.util.Random(1).nextBytes(max);
        SendResult result = producer.send(Message.builder().topic("client_big").body(max).build());
        assertThat(cluster.stored("broker-a", result.offsetMsgId()).body()).isEqualTo(max);
    }
}
