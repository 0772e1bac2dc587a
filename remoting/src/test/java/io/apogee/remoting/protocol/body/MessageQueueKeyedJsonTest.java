package io.apogee.remoting.protocol.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageQueueKeyedJsonTest {
    @Test
    void writesTopicStatsWithObjectKeysInTheOfficialShape() {
        Map<MessageQueue, TopicOffset> table = new LinkedHashMap<>();
        table.put(new MessageQueue("t", "b", 1), new TopicOffset(0, 5, 1700000000000L));
        table.put(new MessageQueue("t", "b", 0), new TopicOffset(2, 3, 0));

        String json = new String(new TopicStatsTable(table, 0).encode(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}:{\"lastUpdateTimestamp\":0,\"maxOffset\":3,\"minOffset\":2},"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"t\"}:"
                + "{\"lastUpdateTimestamp\":1700000000000,\"maxOffset\":5,\"minOffset\":0}},\"topicPutTps\":0.0}");
    }

    @Test
    void writesConsumeStatsWithTpsFirstAsFieldsAreSortedByName() {
        ConsumeStats stats = new ConsumeStats(Map.of(new MessageQueue("t", "b", 0), new OffsetWrapper(9, 7, 8, 12)), 1.5);

        String json = new String(stats.encode(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"consumeTps\":1.5,\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}:"
                + "{\"brokerOffset\":9,\"consumerOffset\":7,\"lastTimestamp\":12,\"pullOffset\":8}}}");
    }

    @Test
    void writesResetOffsetsAsNumbersAndEscapesNames() {
        ResetOffsetBody body = new ResetOffsetBody(Map.of(new MessageQueue("t\"x", "b", 3), 42L));

        String json = new String(body.encode(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":3,\"topic\":\"t\\\"x\"}:42}}");
    }

    @Test
    void writesAnEmptyTable() {
        assertThat(new String(new ResetOffsetBody(Map.of()).encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"offsetTable\":{}}");
    }
}
