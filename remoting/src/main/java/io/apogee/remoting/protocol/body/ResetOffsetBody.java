package io.apogee.remoting.protocol.body;

import java.util.Map;

/** The answer to {@code INVOKE_BROKER_TO_RESET_OFFSET}: the new offset of each queue. Immutable. */
public record ResetOffsetBody(Map<MessageQueue, Long> offsetTable) {
    public ResetOffsetBody {
        offsetTable = Map.copyOf(offsetTable);
    }

    /** The official form, MessageQueue keys as JSON objects (see {@link MessageQueueKeyedJson}). */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(16 + offsetTable.size() * 96).append('{');
        MessageQueueKeyedJson.writeMap(MessageQueueKeyedJson.field(out, "offsetTable"), offsetTable);
        return MessageQueueKeyedJson.bytes(out.append('}'));
    }
}
