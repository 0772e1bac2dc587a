package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueOffsetProcessorTest {
    private static final String TOPIC = ConsumeTestBroker.TOPIC;

    @TempDir
    Path dir;
    private ConsumeTestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = new ConsumeTestBroker(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void anEmptyOrUnknownQueueReadsAsZeroAndNoTime() throws Exception {
        assertThat(offset(RequestCode.GET_MAX_OFFSET, new ConsumeHeaders.GetMaxOffset(TOPIC, 0, true, null))).isZero();
        assertThat(offset(RequestCode.GET_MIN_OFFSET, new ConsumeHeaders.TopicQueue("unknown", 3, null))).isZero();
        RemotingCommand earliest = broker.call(RemotingCommand.request(RequestCode.GET_EARLIEST_MSG_STORETIME,
                new ConsumeHeaders.TopicQueue(TOPIC, 0, null)));
        assertThat(earliest.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(earliest.readHeader(ConsumeHeaders.StoreTimestampResult.class).timestamp()).isEqualTo(-1);
    }

    @Test
    void answersTheBoundsOfAQueueAndSearchesByStoreTime() throws Exception {
        long before = System.currentTimeMillis() - 1;
        broker.put(TOPIC, 0, "m0", null);
        broker.put(TOPIC, 0, "m1", null);
        broker.put(TOPIC, 0, "m2", null);
        long after = System.currentTimeMillis() + 60_000;

        assertThat(offset(RequestCode.GET_MAX_OFFSET, new ConsumeHeaders.GetMaxOffset(TOPIC, 0, true, null))).isEqualTo(3);
        RemotingCommand min = broker.call(RemotingCommand.request(RequestCode.GET_MIN_OFFSET,
                new ConsumeHeaders.TopicQueue(TOPIC, 0, "broker-a")));
        assertThat(min.readHeader(ConsumeHeaders.OffsetResult.class).offset()).isZero();
        assertThat(min.remark()).isEmpty();
        RemotingCommand earliest = broker.call(RemotingCommand.request(RequestCode.GET_EARLIEST_MSG_STORETIME,
                new ConsumeHeaders.TopicQueue(TOPIC, 0, null)));
        assertThat(earliest.readHeader(ConsumeHeaders.StoreTimestampResult.class).timestamp())
                .isBetween(before, after);

        assertThat(search(before, "LOWER")).isZero();
        assertThat(search(after, "LOWER")).isEqualTo(3);
        assertThat(search(after, "UPPER")).isEqualTo(2);
        assertThat(search(before, null)).as("LOWER by default").isZero();
    }

    private long search(long timestamp, String boundary) throws Exception {
        return offset(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
                new ConsumeHeaders.SearchOffset(TOPIC, 0, timestamp, boundary, "broker-a"));
    }

    private long offset(int code, io.apogee.remoting.protocol.header.CommandHeader header) throws Exception {
        RemotingCommand response = broker.call(RemotingCommand.request(code, header));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return response.readHeader(ConsumeHeaders.OffsetResult.class).offset();
    }
}
