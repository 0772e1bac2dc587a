package io.apogee.broker.processor;

import static io.apogee.broker.processor.SendMessageProcessorTest.props;
import static io.apogee.broker.processor.SendMessageProcessorTest.sendV2;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.QueryHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryMessageProcessorTest {
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

    private RemotingCommand query(String topic, String key, boolean unique) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE,
                new QueryHeaders.QueryMessage(topic, key, 64, 0L, Long.MAX_VALUE));
        request.putExtField(QueryHeaders.UNIQUE_KEY_QUERY, Boolean.toString(unique));
        return broker.call(request);
    }

    private RemotingCommand queryUntilFound(String topic, String key, boolean unique) throws Exception {
        RemotingCommand[] last = new RemotingCommand[1];
        BrokerHarness.await(() -> {
            try {
                last[0] = query(topic, key, unique);
                return last[0].code() == ResponseCode.SUCCESS;
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    @Test
    void findsMessagesByBusinessKeyAndByUniqueKey() throws Exception {
        RemotingCommand sent = sendV2(broker, "shop", 0, props("KEYS", "order-1 order-2", "UNIQ_KEY", "U1"),
                "paid".getBytes(StandardCharsets.UTF_8));
        sendV2(broker, "shop", 1, props("KEYS", "order-3"), new byte[] {1});

        RemotingCommand byKey = queryUntilFound("shop", "order-2", false);

        assertThat(byKey.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(byKey.extField("indexLastUpdatePhyoffset")).isNotNull();
        List<MessageRecord> found = MessageRecordDecoder.decodeAll(ByteBuffer.wrap(byKey.body()));
        assertThat(found).hasSize(1);
        assertThat(new String(found.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("paid");
        assertThat(found.get(0).offsetMessageId()).isEqualTo(sent.extField("msgId"));

        RemotingCommand byUniqueKey = queryUntilFound("shop", "U1", true);
        assertThat(MessageRecordDecoder.decodeAll(ByteBuffer.wrap(byUniqueKey.body())))
                .extracting(MessageRecord::offsetMessageId).containsExactly(sent.extField("msgId"));
    }

    @Test
    void answersQueryNotFoundForAnUnknownKey() throws Exception {
        RemotingCommand response = query("shop", "nothing", false);

        assertThat(response.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(response.remark()).isEqualTo("can not find message, maybe time range not correct");
    }

    @Test
    void viewsAMessageByTheOffsetInItsId() throws Exception {
        RemotingCommand sent = sendV2(broker, "shop", 0, props("KEYS", "v"), "look".getBytes(StandardCharsets.UTF_8));
        long offset = MessageIds.decode(sent.extField("msgId")).offset();

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID,
                new QueryHeaders.ViewMessage("shop", offset)));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        MessageRecord m = MessageRecordDecoder.decode(ByteBuffer.wrap(response.body()));
        assertThat(m.topic()).isEqualTo("shop");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("look");
        assertThat(m.physicalOffset()).isEqualTo(offset);
    }

    @Test
    void answersSystemErrorWhenNoMessageStartsAtTheOffset() throws Exception {
        sendV2(broker, "shop", 0, "", new byte[] {1});

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID,
                new QueryHeaders.ViewMessage("shop", 3L)));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("can not find message by the offset, 3");
    }
}
