package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ClusterFixture;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.common.message.EncodedRecord;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.header.TransactionHeaders.CheckTransactionState;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client side of transactions: the half-message send, END_TRANSACTION, and answers to checks. */
class TransactionProducerTest {
    @TempDir
    Path dir;

    /** Commits messages whose body is "commit", rolls back the rest; records what it saw. */
    static final class Listener implements TransactionListener {
        final AtomicReference<Object> lastArg = new AtomicReference<>();
        final LinkedBlockingQueue<ReceivedMessage> checked = new LinkedBlockingQueue<>();

        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
            lastArg.set(arg);
            return decide(message.body());
        }

        @Override
        public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
            checked.add(message);
            return decide(message.body());
        }

        private static LocalTransactionState decide(byte[] body) {
            return "commit".equals(new String(body, StandardCharsets.UTF_8))
                    ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
        }
    }

    @Test
    void endTransactionAfterASendCarriesTheOfficialFields() {
        SendResult sent = new SendResult(SendStatus.SEND_OK, "UNIQ1", "7F00000100002A9F000000002C49BE30",
                new MessageQueue("t2", "broker-a", 3), 7, "UNIQ1");

        RemotingCommand request = EndTransactionRequests.afterSend("txpg", sent, LocalTransactionState.COMMIT_MESSAGE,
                null);

        assertThat(request.code()).isEqualTo(RequestCode.END_TRANSACTION);
        assertThat(request.isOneway()).isTrue();
        assertThat(request.extFields()).containsExactlyInAnyOrderEntriesOf(Map.of("producerGroup", "txpg",
                "tranStateTableOffset", "7", "commitLogOffset", Long.toString(0x2C49BE30L), "commitOrRollback", "8",
                "fromTransactionCheck", "false", "msgId", "UNIQ1", "transactionId", "UNIQ1", "topic", "t2",
                "bname", "broker-a"));
        assertThat(EndTransactionRequests.afterSend("txpg", sent, LocalTransactionState.ROLLBACK_MESSAGE, "boom")
                .extField("commitOrRollback")).isEqualTo("12");
        assertThat(EndTransactionRequests.afterSend("txpg", sent, LocalTransactionState.UNKNOW, "boom").remark())
                .isEqualTo("boom");
    }

    @Test
    void halfMessageIsSentAsPreparedWithGroupAndTheLocalTransactionDecides() throws Exception {
        Listener listener = new Listener();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a");
                TransactionProducer producer = TransactionProducer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_tx_pg").clientIp("127.0.0.1").transactionListener(listener).build()) {
            TransactionSendResult result = producer.sendInTransaction(Message.builder().topic("client_tx")
                    .body("commit".getBytes(StandardCharsets.UTF_8)).build(), "arg-1");

            assertThat(result.sendResult().status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.localTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
            assertThat(listener.lastArg.get()).isEqualTo("arg-1");
            // Whether stored as a half message or (before broker-side transactions) as it came, the
            // record the send points at carries the transaction properties.
            MessageRecord stored = cluster.stored("broker-a", result.sendResult().offsetMsgId());
            assertThat(stored.property(PropertyNames.TRAN_MSG)).isEqualTo("true");
            assertThat(stored.property(PropertyNames.PGROUP)).isEqualTo("client_tx_pg");
            assertThat(stored.property(PropertyNames.UNIQ_KEY)).isEqualTo(result.sendResult().msgId());
        }
    }

    @Test
    void aBrokerCheckIsAnsweredWithEndTransactionFromTheCheck() throws Exception {
        Listener listener = new Listener();
        LinkedBlockingQueue<RemotingCommand> ends = new LinkedBlockingQueue<>();
        AtomicReference<Channel> producerChannel = new AtomicReference<>();
        NettyRemotingServer fakeBroker = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1")
                .listenPort(0).useEpollNativeSelector(false));
        fakeBroker.registerProcessor(RequestCode.HEART_BEAT, (context, request) -> {
            producerChannel.set(context.channel());
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
        });
        fakeBroker.registerProcessor(RequestCode.END_TRANSACTION, (context, request) -> {
            ends.add(request);
            return CompletableFuture.completedFuture(null);
        });
        fakeBroker.start();
        try (TransactionProducer producer = TransactionProducer.builder().namesrvAddr("127.0.0.1:1")
                .producerGroup("client_check_pg").clientIp("127.0.0.1").transactionListener(listener).build()) {
            String brokerAddr = "127.0.0.1:" + fakeBroker.port();
            producer.runtime().remoting().invokeSync(brokerAddr,
                    RemotingCommand.request(RequestCode.HEART_BEAT).body(new byte[] {'{', '}'}), 3000);
            await().atMost(Duration.ofSeconds(5)).until(() -> producerChannel.get() != null);

            fakeBroker.invokeOneway(producerChannel.get(), check("client_check_pg", "UNIQCOMMIT", "commit", 2, 1000),
                    3000);
            fakeBroker.invokeOneway(producerChannel.get(), check("client_check_pg", "UNIQROLLBACK", "no", 3, 2000),
                    3000);
            fakeBroker.invokeOneway(producerChannel.get(), check("another_group", "UNIQOTHER", "commit", 4, 3000),
                    3000);

            // Checks are served by several worker threads: answers may come in either order.
            Map<String, RemotingCommand> byMsgId = new LinkedHashMap<>();
            for (int i = 0; i < 2; i++) {
                RemotingCommand end = ends.poll(10, TimeUnit.SECONDS);
                assertThat(end).isNotNull();
                assertThat(end.isOneway()).isTrue();
                byMsgId.put(end.extField("msgId"), end);
            }
            assertThat(byMsgId.get("UNIQCOMMIT").extFields()).containsAllEntriesOf(Map.of("producerGroup",
                    "client_check_pg", "tranStateTableOffset", "2", "commitLogOffset", "1000", "commitOrRollback", "8",
                    "fromTransactionCheck", "true", "transactionId", "UNIQCOMMIT",
                    "topic", "RMQ_SYS_TRANS_HALF_TOPIC", "bname", "broker-x"));
            assertThat(byMsgId.get("UNIQROLLBACK").extFields()).containsEntry("commitOrRollback", "12")
                    .containsEntry("tranStateTableOffset", "3").containsEntry("commitLogOffset", "2000");
            // The check of a group this client has no producer of is dropped.
            assertThat(ends.poll(300, TimeUnit.MILLISECONDS)).isNull();
            List<ReceivedMessage> seen = List.copyOf(listener.checked);
            assertThat(seen).extracting(ReceivedMessage::topic).containsOnly("client_check_t");
        } finally {
            fakeBroker.shutdown();
        }
    }

    private static RemotingCommand check(String group, String uniqKey, String body, long tranOffset, long clOffset) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PropertyNames.TRAN_MSG, "true");
        props.put(PropertyNames.PGROUP, group);
        props.put(PropertyNames.UNIQ_KEY, uniqKey);
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        MessageRecord half = MessageRecord.builder().topic("client_check_t").queueId(0).bornHost(host).storeHost(host)
                .physicalOffset(clOffset).queueOffset(tranOffset).body(body.getBytes(StandardCharsets.UTF_8))
                .properties(MessageProperties.encode(props)).build();
        ByteBuffer encoded = EncodedRecord.encode(half);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE,
                new CheckTransactionState("RMQ_SYS_TRANS_HALF_TOPIC", tranOffset, clOffset, uniqKey, uniqKey,
                        "7F00000100002A9F0000000000000000", "broker-x")).body(bytes).markOneway();
    }
}
