package io.apogee.client;

import io.apogee.client.compression.Compression;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message as a broker stored it: the application's view of a stored record, with its body
 * decompressed when the producer compressed it (ZLIB, LZ4 or ZSTD). What consumers and transaction
 * checks hand to applications. Immutable and thread-safe; {@link #body()} returns a copy.
 *
 * @param msgId the {@code UNIQ_KEY}, or the offset id when the message has none
 * @param offsetMsgId the broker's offset message id
 */
public record ReceivedMessage(String topic, int queueId, long queueOffset, String msgId, String offsetMsgId,
        int flag, int sysFlag, long bornTimestamp, long storeTimestamp, int reconsumeTimes,
        Map<String, String> properties, byte[] body) {
    /** The largest body decompressed: a stored body can only have come from a send of at most this. */
    private static final int MAX_DECOMPRESSED = 64 * 1024 * 1024;

    public ReceivedMessage {
        properties = Map.copyOf(properties);
        body = body.clone();
    }

    /**
     * The application's view of {@code record}; a compressed body is decompressed and the compressed
     * bit cleared (the codec bits stay), as official consumers do.
     *
     * @throws ClientException when the body is compressed with a codec this client lacks, or is corrupt
     */
    public static ReceivedMessage of(MessageRecord record) {
        Map<String, String> props = record.propertyMap();
        String uniq = props.get(PropertyNames.UNIQ_KEY);
        String offsetId = record.offsetMessageId();
        byte[] body = record.body();
        int sysFlag = record.sysFlag();
        if ((sysFlag & MessageSysFlag.COMPRESSED) != 0) {
            body = decompress(body, sysFlag, offsetId);
            sysFlag &= ~MessageSysFlag.COMPRESSED;
        }
        return new ReceivedMessage(record.topic(), record.queueId(), record.queueOffset(),
                uniq != null ? uniq : offsetId, offsetId, record.flag(), sysFlag, record.bornTimestamp(),
                record.storeTimestamp(), record.reconsumeTimes(), props, body);
    }

    public String tags() {
        return properties.get(PropertyNames.TAGS);
    }

    public List<String> keys() {
        String keys = properties.get(PropertyNames.KEYS);
        return keys == null ? List.of() : List.of(keys.split(PropertyNames.KEY_SEPARATOR));
    }

    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without the copy {@link #body()} makes (flow control counts bytes per message). */
    public int bodyLength() {
        return body.length;
    }

    private static byte[] decompress(byte[] compressed, int sysFlag, String id) {
        Compression codec;
        try {
            codec = Compression.ofSysFlag(sysFlag);
        } catch (IllegalArgumentException e) {
            throw new ClientException("message " + id + ": " + e.getMessage(), e);
        }
        try {
            return codec.decompress(compressed, MAX_DECOMPRESSED);
        } catch (IOException e) {
            throw new ClientException("the " + codec + " body of message " + id + " cannot be decompressed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedMessage m && offsetMsgId.equals(m.offsetMsgId) && msgId.equals(m.msgId)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return offsetMsgId.hashCode();
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", queueId=" + queueId + ", queueOffset=" + queueOffset + ", msgId="
                + msgId + ", offsetMsgId=" + offsetMsgId + ", properties=" + properties + ", bodyLength="
                + body.length + "]";
    }
}
