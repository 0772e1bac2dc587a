package io.apogee.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.LocalTransactionState;
import io.apogee.client.producer.MessageQueueSelector;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.client.producer.TransactionListener;
import io.apogee.client.producer.TransactionProducer;
import io.apogee.client.producer.TransactionSendResult;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.it.support.OfficialNamesrvProcess;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our producer against the official 5.3.3 name server and broker, read back by the official lite-pull
 * consumer: every send kind (sync, async, oneway, batch, ordered), compressed bodies, and transactions
 * (commit, rollback, and an unknown outcome resolved by the broker's check).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApogeeProducerOfficialTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private OfficialNamesrvProcess namesrv;
    private OfficialBrokerProcess broker;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    void startOfficialCluster() throws Exception {
        namesrv = OfficialNamesrvProcess.start();
        // Quick transaction checks, so that an unknown outcome is asked about within seconds.
        broker = OfficialBrokerProcess.start("ApogeeClientCluster", "broker-a", namesrv.address(),
                Map.of("transactionCheckInterval", "2000", "transactionTimeOut", "1000"));
        // The broker registers shortly after its boot line; producers need the template topic's route.
        try (NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig())) {
            client.start();
            await("TBW102 route").atMost(DEADLINE).until(() -> client.invokeSync(namesrv.address(),
                    RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                            new NamesrvHeaders.GetRouteInfo("TBW102", null)), 3000).code() == 0);
        }
    }

    @AfterAll
    void stopOfficialCluster() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private static Message message(String topic, String seq, byte[] body) {
        return Message.builder().topic(topic).tags("Tag" + seq.length()).keys("key-" + seq)
                .property("seq", seq).property("note", "ünïcødé ✓").body(body).build();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everySendKindArrivesByteExactAtTheOfficialConsumer() throws Exception {
        String topic = "ApogeeClientTopic";
        Map<String, byte[]> expected = new ConcurrentHashMap<>();
        Map<String, String> uniqKeys = new ConcurrentHashMap<>();
        Producer producer = Producer.builder().namesrvAddr(namesrv.address()).producerGroup("apogee_it_pg")
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

    @Test
    void transactionsCommitRollBackAndAnswerTheBrokersCheck() throws Exception {
        String topic = "ApogeeClientTx";
        List<String> checkedIds = new CopyOnWriteArrayList<>();
        TransactionListener listener = new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
                return switch (new String(message.body(), StandardCharsets.UTF_8)) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
                checkedIds.add(message.msgId());
                return "unknown".equals(new String(message.body(), StandardCharsets.UTF_8))
                        ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
            }
        };
        TransactionProducer producer = TransactionProducer.builder().namesrvAddr(namesrv.address())
                .producerGroup("apogee_it_txpg").clientIp("127.0.0.1").sendMsgTimeout(10_000)
                .transactionListener(listener).build();
        clients.add(producer);

        Map<String, TransactionSendResult> sent = new ConcurrentHashMap<>();
        for (String outcome : List.of("commit", "rollback", "unknown")) {
            TransactionSendResult result = producer.sendInTransaction(message(topic, outcome, text(outcome)), null);
            assertThat(result.sendResult().status()).isEqualTo(SendStatus.SEND_OK);
            sent.put(outcome, result);
        }
        assertThat(sent.get("unknown").localTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);

        Map<String, MessageExt> received = consume("apogee_it_txcg", topic, Set.of("commit", "unknown"),
                // A check-back is at-least-once: a broker that checks again before it has applied the
                // first answer commits a second copy of the half message.
                Set.of("unknown"));

        assertThat(received).containsOnlyKeys("commit", "unknown");
        assertThat(received.get("unknown").getMsgId()).isEqualTo(sent.get("unknown").sendResult().msgId());
        assertThat(checkedIds).contains(sent.get("unknown").sendResult().msgId());
        assertThat(received.get("commit").getBody()).isEqualTo(text("commit"));
    }

    /**
     * Polls an official lite-pull consumer of {@code topic} until every {@code seq} in {@code wanted}
     * has arrived or the deadline passes, then two seconds more to catch anything that should not come.
     * Returns what arrived, by {@code seq}; a duplicate of a {@code seq} not in {@code mayRepeat} fails
     * the test.
     */
    private Map<String, MessageExt> consume(String group, String topic, Set<String> wanted, Set<String> mayRepeat)
            throws Exception {
        ConcurrentMap<String, MessageExt> bySeq = new ConcurrentHashMap<>();
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
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
