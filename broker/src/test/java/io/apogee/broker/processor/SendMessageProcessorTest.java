package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.BatchEntry;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.header.SendHeaders;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendMessageProcessorTest {
    @TempDir
    Path dir;
    private BrokerHarness broker;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerHarness(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    static SendMessageRequestHeaderV2 header(String topic, int queueId, String properties) {
        return new SendMessageRequestHeaderV2().producerGroup("pg").topic(topic).defaultTopic("TBW102")
                .defaultTopicQueueNums(4).queueId(queueId).sysFlag(0).bornTimestamp(System.currentTimeMillis())
                .flag(7).properties(properties).reconsumeTimes(0).unitMode(false).batch(false);
    }

    static String props(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return MessageProperties.encode(map);
    }

    static RemotingCommand sendV2(BrokerHarness broker, String topic, int queueId, String properties, byte[] body)
            throws Exception {
        return broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header(topic, queueId, properties))
                .body(body));
    }

    private MessageRecord stored(String offsetMsgId) {
        long offset = MessageIds.decode(offsetMsgId).offset();
        ByteBuffer record = broker.context().store().readRecord(offset);
        assertThat(record).as("record at %d", offset).isNotNull();
        return MessageRecordDecoder.decode(record);
    }

    @Test
    void storesAV2SendInAnAutoCreatedTopicWithTheBrokersProperties() throws Exception {
        RemotingCommand response = sendV2(broker, "orders", 2, props("KEYS", "k1", "TAGS", "TagA"),
                "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        TopicConfig created = broker.context().topics().get("orders");
        assertThat(created.writeQueueNums()).isEqualTo(4);
        assertThat(response.extField("queueId")).isEqualTo("2");
        assertThat(response.extField("queueOffset")).isEqualTo("0");
        assertThat(response.extField("MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(response.extField("TRACE_ON")).isEqualTo("true");
        assertThat(MessageIds.decode(response.extField("msgId")).storeHost())
                .isEqualTo(broker.context().storeHost());

        MessageRecord message = stored(response.extField("msgId"));
        assertThat(message.topic()).isEqualTo("orders");
        assertThat(message.queueId()).isEqualTo(2);
        assertThat(message.flag()).isEqualTo(7);
        assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(message.bornHost().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(message.storeHost()).isEqualTo(broker.context().storeHost());
        Map<String, String> properties = message.propertyMap();
        assertThat(properties).containsEntry("KEYS", "k1").containsEntry("TAGS", "TagA")
                .containsEntry("MSG_REGION", "DefaultRegion").containsEntry("TRACE_ON", "true")
                .containsEntry("CLUSTER", "DefaultCluster").containsKey("UNIQ_KEY");
        assertThat(response.extField("transactionId")).isEqualTo(properties.get("UNIQ_KEY"));
    }

    @Test
    void acceptsTheLongNamedV1HeaderAndKeepsTheClientsUniqueKey() throws Exception {
        broker.context().topics().update(TopicConfig.of("v1topic", 2, 6));
        SendHeaders.SendMessageRequest h = new SendHeaders.SendMessageRequest("pg", "v1topic", "TBW102", 4, 1, 0,
                System.currentTimeMillis(), 0, props("UNIQ_KEY", "ABC123", "POP_CK", "x"), 0, false, false, null,
                null);

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE, h).body(new byte[] {1}));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.extField("transactionId")).isEqualTo("ABC123");
        Map<String, String> properties = stored(response.extField("msgId")).propertyMap();
        assertThat(properties).containsEntry("UNIQ_KEY", "ABC123").doesNotContainKey("POP_CK");
    }

    @Test
    void storesEachBatchEntryAsItsOwnRecordWithTheBatchHeadersProperties() throws Exception {
        List<BatchEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new BatchEntry(i, ("b" + i).getBytes(StandardCharsets.UTF_8), props("KEYS", "bk" + i,
                    "UNIQ_KEY", "ENTRY" + i)));
        }
        SendMessageRequestHeaderV2 h = header("batched", 1, props("UNIQ_KEY", "BATCH", "WAIT", "true")).batch(true);

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE, h)
                .body(BatchBodyCodec.encode(entries)));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.extField("transactionId")).isEqualTo("BATCH");
        String[] ids = response.extField("msgId").split(",");
        assertThat(ids).hasSize(3);
        for (int i = 0; i < 3; i++) {
            MessageRecord m = stored(ids[i]);
            assertThat(m.queueOffset()).isEqualTo(i);
            assertThat(m.queueId()).isEqualTo(1);
            assertThat(m.flag()).isEqualTo(i);
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("b" + i);
            // The batch header's UNIQ_KEY comes last and wins, as with the official broker.
            assertThat(m.propertyMap()).containsEntry("KEYS", "bk" + i).containsEntry("UNIQ_KEY", "BATCH")
                    .containsEntry("CLUSTER", "DefaultCluster").containsEntry("MSG_REGION", "DefaultRegion");
        }
    }

    @Test
    void refusesReservedTopicsWithNoPermissionAndStillSendsRegionAndTrace() throws Exception {
        RemotingCommand response = sendV2(broker, "SCHEDULE_TOPIC_XXXX", 0, "", new byte[] {1});

        assertThat(response.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(response.extField("MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(response.extField("TRACE_ON")).isEqualTo("true");
    }

    @Test
    void refusesAnInvalidTopicName() throws Exception {
        RemotingCommand response = sendV2(broker, "bad topic!", 0, "", new byte[] {1});

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("illegal characters");
    }

    @Test
    void refusesAnOversizeBodyAsIllegal() throws Exception {
        RemotingCommand response = sendV2(broker, "big", 0, "", new byte[BrokerHarness.MAX_MESSAGE_SIZE + 1]);

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(broker.context().store().maxOffsetInQueue("big", 0)).isZero();
    }

    @Test
    void refusesAQueueIdOutOfRange() throws Exception {
        broker.context().topics().update(TopicConfig.of("small", 2, 6));

        RemotingCommand response = sendV2(broker, "small", 2, "", new byte[] {1});

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("queueId[2]");
    }

    @Test
    void picksAQueueWhenTheClientAsksForNone() throws Exception {
        broker.context().topics().update(TopicConfig.of("anyq", 3, 6));

        RemotingCommand response = sendV2(broker, "anyq", -1, "", new byte[] {1});

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Integer.parseInt(response.extField("queueId"))).isBetween(0, 2);
    }

    @Test
    void answersSystemErrorWhenARequiredHeaderFieldIsMissing() throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header("t", 0, ""))
                .body(new byte[] {1});
        request.extFields().remove("b");

        RemotingCommand response = broker.call(request);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.extField("MSG_REGION")).isEqualTo("DefaultRegion");
    }

    @Test
    void answersTopicNotExistWhenNoTemplateMayCreateIt() throws Exception {
        SendMessageRequestHeaderV2 h = header("nowhere", 0, "").defaultTopic("NO_SUCH_TEMPLATE");

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, h)
                .body(new byte[] {1}));

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).startsWith("topic[nowhere] not exist, apply first please!");
    }

    @Test
    void sendsARetryPastItsLimitToTheDeadLetterTopic() throws Exception {
        SendMessageRequestHeaderV2 h = header("%RETRY%cg", 0, "").reconsumeTimes(3).maxReconsumeTimes(2);

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, h)
                .body(new byte[] {1}));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        MessageRecord m = stored(response.extField("msgId"));
        assertThat(m.topic()).isEqualTo("%DLQ%cg");
        assertThat(m.propertyMap()).containsEntry("DELAY", "-1");
    }

    @Test
    void storesATransactionalMessageAsAHalfMessageConsumersCannotSee() throws Exception {
        SendMessageRequestHeaderV2 h = header("tx", 0, props("TRAN_MSG", "true", "PGROUP", "txg"))
                .sysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE);

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, h)
                .body(new byte[] {1}));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        MessageRecord half = stored(response.extField("msgId"));
        assertThat(half.topic()).isEqualTo("RMQ_SYS_TRANS_HALF_TOPIC");
        assertThat(MessageSysFlag.transactionType(half.sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_NOT_TYPE);
        assertThat(BrokerHarness.await(() -> broker.context().store().maxOffsetInQueue("RMQ_SYS_TRANS_HALF_TOPIC", 0)
                == 1)).isTrue();
        assertThat(broker.context().store().maxOffsetInQueue("tx", 0)).isZero();
    }

    @Test
    void refusesABatchToARetryTopic() throws Exception {
        SendMessageRequestHeaderV2 h = header("%RETRY%cg", 0, "").batch(true);
        byte[] body = BatchBodyCodec.encode(List.of(new BatchEntry(0, new byte[] {1}, "")));

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE, h).body(body));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).isEqualTo("batch request does not support retry group %RETRY%cg");
    }

    @Test
    void sendBackStoresARetryCopyAndDeadLettersItOnceRetriesAreUsedUp() throws Exception {
        RemotingCommand sent = sendV2(broker, "work", 0, props("KEYS", "w1"), "job".getBytes(StandardCharsets.UTF_8));
        long offset = MessageIds.decode(sent.extField("msgId")).offset();

        RemotingCommand back = broker.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                new SendHeaders.ConsumerSendMsgBack(offset, "cg", 0, null, "work", false, 1, null)));

        assertThat(back.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.context().topics().get("%RETRY%cg")).isNotNull();
        // Level 3 (0 requested, no reconsumes yet): parked in the schedule topic's third queue.
        assertThat(BrokerHarness.await(() -> broker.context().store().maxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2) == 1))
                .isTrue();
        MessageRecord retry = MessageRecordDecoder.decode(broker.context().store()
                .getMessages("SCHEDULE_TOPIC_XXXX", 2, 0, 1, 1 << 20, code -> true).buffers().get(0));
        assertThat(retry.reconsumeTimes()).isEqualTo(1);
        assertThat(retry.propertyMap()).containsEntry("RETRY_TOPIC", "work")
                .containsEntry("ORIGIN_MESSAGE_ID", sent.extField("msgId")).containsEntry("KEYS", "w1")
                .containsEntry("REAL_TOPIC", "%RETRY%cg").containsEntry("DELAY", "3");

        RemotingCommand again = broker.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                new SendHeaders.ConsumerSendMsgBack(retry.physicalOffset(), "cg", 0, null, "work", false, 1, null)));

        assertThat(again.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(BrokerHarness.await(() -> broker.context().store().maxOffsetInQueue("%DLQ%cg", 0) == 1)).isTrue();
    }
}
