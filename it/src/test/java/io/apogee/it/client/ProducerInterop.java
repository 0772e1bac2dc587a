package io.apogee.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.producer.MessageQueueSelector;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What our producer must do against any RocketMQ-compatible cluster, judged by the official 5.3.3
 * lite-pull consumer: every send kind (sync, async, oneway, batch, ordered), compressed and near-4 MiB
 * bodies, keys, tags and unicode properties byte-exact. Subclasses start the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProducerInterop {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    final List<AutoCloseable> clients = new ArrayList<>();

    /** The name server of the cluster under test, {@code host:port}. */
    abstract String namesrvAddress();

    /** Waits until the name server serves TBW102's route: brokers register shortly after their boot line. */
    void awaitTemplateRoute() throws Exception {
        try (NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig())) {
            client.start();
            await("TBW102 route").atMost(DEADLINE).until(() -> client.invokeSync(namesrvAddress(),
                    RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                            new NamesrvHeaders.GetRouteInfo("TBW102", null)), 3000).code() == 0);
        }
    }

    void closeClients() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        clients.clear();
    }

    static Message message(String topic, String seq, byte[] body) {
        return Message.builder().topic(topic).tags("Tag" + seq.length()).keys("key-" + seq)
                .property("seq", seq).property("note", "ünïcødé ✓").body(body).build();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everySendKindArrivesByteExactAtTheOfficialConsumer() throws Exception {
        String topic = "ApogeeClientTopic";
        Map<String, byte[]> expected = new ConcurrentHashMap<>();
        Map<String, String> uniqKeys = new ConcurrentHashMap<>();
        Producer producer = Producer.builder().namesrvAddr(namesrvAddress()).producerGroup("apogee_it_pg")
                .clientIp("127.0.0.1").sendMsgTimeout(10_000).build();
        clients.add(producer);

        byte[] compressible = "compress me, official consumer. ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        byte[] nearMax = new byte[4 * 1024 * 1024 - 4096];
        for (int i = 0; i < nearMax.length; i++) {
            nearMax[i] = (byte) (i % 251);
        }
        Map<String, byte[]> singles = Map.of("sync-small", text("hello"), "sync-zip", compressible,
                "sync-random", random, "sync-near-max", nearMax);
        for (Map.Entry<String, byte[]> e : singles.entrySet()) {
            SendResult result = producer.send(message(topic, e.getKey(), e.getValue()));
            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
            expected.put(e.getKey(), e.getValue());
            uniqKeys.put(e.getKey(), result.msgId());
        }
        List<CompletableFuture<SendResult>> asyncs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String seq = "async-" + i;
            expected.put(seq, text("async body " + i));
            asyncs.add(producer.sendAsync(message(topic, seq, text("async body " + i))));
        }
        CompletableFuture.allOf(asyncs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            String seq = "oneway-" + i;
            expected.put(seq, text("oneway body " + i));
            producer.sendOneway(message(topic, seq, text("oneway body " + i)));
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String seq = "batch-" + i;
            expected.put(seq, text("batch body " + i));
            batch.add(message(topic, seq, text("batch body " + i)));
        }
        assertThat(producer.send(batch).msgId().split(",")).hasSize(3);
        for (int i = 0; i < 5; i++) {
            String seq = "ordered-" + i;
            expected.put(seq, text("ordered body " + i));
            producer.send(message(topic, seq, text("ordered body " + i)), MessageQueueSelector.byHash(), "order-1");
        }

        Map<String, MessageExt> received = consume("apogee_it_cg", topic, expected.keySet(), Set.of());

        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, MessageExt> e : received.entrySet()) {
            MessageExt m = e.getValue();
            assertThat(m.getBody()).as("body of %s", e.getKey()).isEqualTo(expected.get(e.getKey()));
            assertThat(m.getKeys()).isEqualTo("key-" + e.getKey());
            assertThat(m.getTags()).isEqualTo("Tag" + e.getKey().length());
            assertThat(m.getUserProperty("note")).isEqualTo("ünïcødé ✓");
        }
        uniqKeys.forEach((seq, id) -> assertThat(received.get(seq).getMsgId()).isEqualTo(id));
        // The compressible body went out zlib-compressed: the official consumer cleared the bit it inflated.
        assertThat(received.get("sync-zip").getSysFlag() & 0x700).isEqualTo(0x300);
        assertThat(received.get("sync-small").getSysFlag() & 0x700).isZero();
    }

    /**
     * Polls an official lite-pull consumer of {@code topic} until every {@code seq} in {@code wanted}
     * has arrived or the deadline passes, then two seconds more to catch anything that should not come.
     * Returns what arrived, by {@code seq}; a duplicate of a {@code seq} not in {@code mayRepeat} fails
     * the test.
     */
    Map<String, MessageExt> consume(String group, String topic, Set<String> wanted, Set<String> mayRepeat)
            throws Exception {
        ConcurrentMap<String, MessageExt> bySeq = new ConcurrentHashMap<>();
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrvAddress());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (MessageExt m : consumer.poll(500)) {
                    String seq = m.getUserProperty("seq");
                    MessageExt previous = bySeq.put(seq, m);
                    assertThat(previous == null || mayRepeat.contains(seq)).as("duplicate of %s", seq).isTrue();
                }
                if (bySeq.keySet().containsAll(wanted)) {
                    deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
                }
            }
        } finally {
            consumer.shutdown();
        }
        return bySeq;
    }
}
