package io.apogee.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.InProcessBroker;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.HeartbeatData;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {
    private static final String HALF = "RMQ_SYS_TRANS_HALF_TOPIC";
    private static final String OP = "RMQ_SYS_TRANS_OP_HALF_TOPIC";

    @TempDir
    Path dir;

    private InProcessBroker start(Properties extra) throws Exception {
        InProcessBroker broker = new InProcessBroker(dir, extra);
        broker.context().topics().update(TopicConfig.of("tx", 2, Permission.READ_WRITE));
        return broker;
    }

    private static RemotingCommand sendHalf(InProcessBroker broker, String body) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("TRAN_MSG", "true");
        props.put("PGROUP", "txg");
        props.put("UNIQ_KEY", "UK-" + body);
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2().producerGroup("txg").topic("tx")
                .defaultTopic("TBW102").defaultTopicQueueNums(4).queueId(1)
                .sysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE).bornTimestamp(System.currentTimeMillis()).flag(0)
                .properties(MessageProperties.encode(props)).reconsumeTimes(0).unitMode(false).batch(false);
        return broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, h)
                .body(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static TransactionHeaders.EndTransaction end(RemotingCommand sent, int outcome, String group) {
        return new TransactionHeaders.EndTransaction(group, Long.parseLong(sent.extField("queueOffset")),
                MessageIds.decode(sent.extField("msgId")).offset(), outcome, false,
                sent.extField("transactionId"), sent.extField("transactionId"), "tx", "broker-a");
    }

    @Test
    void storesAPreparedSendAsAnInvisibleHalfMessage() throws Exception {
        try (InProcessBroker broker = start(new Properties())) {
            RemotingCommand sent = sendHalf(broker, "a");

            assertThat(sent.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(sent.extField("queueId")).isEqualTo("1");
            assertThat(sent.extField("transactionId")).isEqualTo("UK-a");
            MessageRecord half = broker.context().store()
                    .lookMessageByOffset(MessageIds.decode(sent.extField("msgId")).offset());
            assertThat(half.topic()).isEqualTo(HALF);
            assertThat(half.queueId()).isZero();
            assertThat(MessageSysFlag.transactionType(half.sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_NOT_TYPE);
            assertThat(half.propertyMap()).containsEntry("REAL_TOPIC", "tx").containsEntry("REAL_QID", "1")
                    .containsEntry("__transactionId__", "UK-a");
            assertThat(InProcessBroker.await(2_000, () -> broker.messages(HALF, 0).size() == 1)).isTrue();
            assertThat(broker.messages("tx", 1)).isEmpty();
        }
    }

    @Test
    void commitStoresTheRealMessageOnceAndRecordsTheHalfAsFinished() throws Exception {
        try (InProcessBroker broker = start(new Properties())) {
            RemotingCommand sent = sendHalf(broker, "b");
            RemotingCommand ended = broker.call(RemotingCommand.request(RequestCode.END_TRANSACTION,
                    end(sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "txg")));

            assertThat(ended.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(InProcessBroker.await(5_000, () -> broker.messages("tx", 1).size() == 1)).isTrue();
            MessageRecord real = broker.messages("tx", 1).get(0);
            assertThat(MessageSysFlag.transactionType(real.sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
            assertThat(real.preparedTransactionOffset()).isEqualTo(MessageIds.decode(sent.extField("msgId")).offset());
            assertThat(real.propertyMap()).containsEntry("TRAN_MSG", "true").containsEntry("UNIQ_KEY", "UK-b")
                    .containsEntry("__transactionId__", "UK-b");
            assertThat(InProcessBroker.await(5_000, () -> broker.messages(OP, 0).size() == 1)).isTrue();
            MessageRecord op = broker.messages(OP, 0).get(0);
            assertThat(op.property("TAGS")).isEqualTo("d");
            assertThat(new String(op.body(), StandardCharsets.UTF_8)).isEqualTo(sent.extField("queueOffset"));

            broker.call(RemotingCommand.request(RequestCode.END_TRANSACTION,
                    end(sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "txg")));
            Thread.sleep(300);
            assertThat(broker.messages("tx", 1)).hasSize(1);
        }
    }

    @Test
    void rollbackOnlyRecordsTheHalfAsFinished() throws Exception {
        try (InProcessBroker broker = start(new Properties())) {
            RemotingCommand sent = sendHalf(broker, "c");
            broker.call(RemotingCommand.request(RequestCode.END_TRANSACTION,
                    end(sent, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE, "txg")));

            assertThat(InProcessBroker.await(5_000, () -> broker.messages(OP, 0).size() == 1)).isTrue();
            assertThat(broker.messages("tx", 1)).isEmpty();
        }
    }

    @Test
    void refusesAnEndFromAnotherProducerGroupOrWithAWrongOffset() throws Exception {
        try (InProcessBroker broker = start(new Properties())) {
            RemotingCommand sent = sendHalf(broker, "d");

            RemotingCommand wrongGroup = broker.call(RemotingCommand.request(RequestCode.END_TRANSACTION,
                    end(sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "other")));
            TransactionHeaders.EndTransaction good = end(sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "txg");
            RemotingCommand wrongOffset = broker.call(RemotingCommand.request(RequestCode.END_TRANSACTION,
                    new TransactionHeaders.EndTransaction("txg", good.tranStateTableOffset() + 5,
                            good.commitLogOffset(), 8, false, "x", null, null, null)));

            assertThat(wrongGroup.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(wrongGroup.remark()).contains("producer group wrong");
            assertThat(wrongOffset.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(wrongOffset.remark()).contains("transaction state table offset wrong");
            assertThat(broker.messages("tx", 1)).isEmpty();
        }
    }

    @Test
    void checksBackAnOpenHalfWithAProducerOfItsGroupAndCommitsOnItsAnswer() throws Exception {
        Properties p = new Properties();
        p.setProperty("transactionCheckInterval", "200");
        p.setProperty("transactionTimeOut", "300");
        try (InProcessBroker broker = start(p)) {
            NettyRemotingClient producer = new NettyRemotingClient(new NettyClientConfig());
            List<RemotingCommand> checks = new CopyOnWriteArrayList<>();
            producer.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (ctx, request) -> {
                checks.add(request);
                TransactionHeaders.CheckTransactionState check =
                        request.readHeader(TransactionHeaders.CheckTransactionState.class);
                producer.invokeOneway(broker.address(), RemotingCommand.request(RequestCode.END_TRANSACTION,
                        new TransactionHeaders.EndTransaction("txg", check.tranStateTableOffset(),
                                check.commitLogOffset(), MessageSysFlag.TRANSACTION_COMMIT_TYPE, true,
                                check.msgId(), check.transactionId(), check.topic(), check.bname())), 3_000);
                return CompletableFuture.completedFuture(null);
            }, Executors.newSingleThreadExecutor());
            producer.start();
            try {
                HeartbeatData heartbeat = new HeartbeatData("producer-1",
                        Set.of(new HeartbeatData.ProducerData("txg")), Set.of(), 0, false);
                assertThat(producer.invokeSync(broker.address(), RemotingCommand.request(RequestCode.HEART_BEAT)
                        .extFields(new LinkedHashMap<>()).body(JsonBody.encode(heartbeat)), 5_000).code())
                        .isEqualTo(ResponseCode.SUCCESS);

                RemotingCommand sent = sendHalf(broker, "e");

                assertThat(InProcessBroker.await(8_000, () -> broker.messages("tx", 1).size() == 1)).isTrue();
                assertThat(checks).hasSize(1);
                RemotingCommand check = checks.get(0);
                assertThat(check.extField("topic")).isEqualTo(HALF);
                assertThat(check.extField("msgId")).isEqualTo("UK-e");
                MessageRecord body = MessageRecordDecoder.decode(ByteBuffer.wrap(check.body()));
                assertThat(body.topic()).isEqualTo("tx");
                assertThat(body.queueId()).isEqualTo(1);
                assertThat(body.property("PGROUP")).isEqualTo("txg");
                assertThat(body.property("TRANSACTION_CHECK_TIMES")).isEqualTo("1");
                assertThat(Long.parseLong(check.extField("tranStateTableOffset")))
                        .isGreaterThan(Long.parseLong(sent.extField("queueOffset")));
                Thread.sleep(1_000);
                assertThat(checks).hasSize(1);
                assertThat(broker.messages("tx", 1)).hasSize(1);
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void givesUpOnAHalfMessageAfterTransactionCheckMaxChecks() throws Exception {
        Properties p = new Properties();
        p.setProperty("transactionCheckInterval", "100");
        p.setProperty("transactionTimeOut", "0");
        p.setProperty("transactionCheckMax", "2");
        try (InProcessBroker broker = start(p)) {
            sendHalf(broker, "f");

            assertThat(InProcessBroker.await(8_000,
                    () -> broker.messages("TRANS_CHECK_MAX_TIME_TOPIC", 0).size() == 1)).isTrue();
            Thread.sleep(500);
            assertThat(broker.messages("TRANS_CHECK_MAX_TIME_TOPIC", 0)).hasSize(1);
            assertThat(broker.messages("tx", 1)).isEmpty();
        }
    }
}
