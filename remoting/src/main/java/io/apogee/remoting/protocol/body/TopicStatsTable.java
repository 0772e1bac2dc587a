package io.apogee.remoting.protocol.body;

import java.util.Map;

/** The answer to {@code GET_TOPIC_STATS_INFO}: each queue's offsets, and the topic's put rate. Immutable. */
public record TopicStatsTable(Map<MessageQueue, TopicOffset> offsetTable, double topicPutTps) {
    public TopicStatsTable {
        offsetTable = Map.copyOf(offsetTable);
    }

    /** The official form, MessageQueue keys as JSON objects (see {@link MessageQueueKeyedJson}). */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(64 + offsetTable.size() * 128).append('{');
        MessageQueueKeyedJson.writeMap(MessageQueueKeyedJson.field(out, "offsetTable"), offsetTable);
        MessageQueueKeyedJson.field(out.append(','), "topicPutTps").append(MessageQueueKeyedJson.number(topicPutTps));
        return MessageQueueKeyedJson.bytes(out.append('}'));
    }
}
