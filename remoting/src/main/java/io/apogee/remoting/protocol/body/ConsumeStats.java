package io.apogee.remoting.protocol.body;

import java.util.Map;

/** The answer to {@code GET_CONSUME_STATS}: a group's progress on each queue. Immutable. */
public record ConsumeStats(Map<MessageQueue, OffsetWrapper> offsetTable, double consumeTps) {
    public ConsumeStats {
        offsetTable = Map.copyOf(offsetTable);
    }

    /** The official form, MessageQueue keys as JSON objects (see {@link MessageQueueKeyedJson}). */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(64 + offsetTable.size() * 160).append('{');
        MessageQueueKeyedJson.field(out, "consumeTps").append(MessageQueueKeyedJson.number(consumeTps)).append(',');
        MessageQueueKeyedJson.writeMap(MessageQueueKeyedJson.field(out, "offsetTable"), offsetTable);
        return MessageQueueKeyedJson.bytes(out.append('}'));
    }
}
