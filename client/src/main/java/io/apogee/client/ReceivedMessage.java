package io.apogee.client;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A message as a broker stored it: the application's view of a stored record, with its body inflated
 * when the producer compressed it. What transaction checks (and, later, consumers) hand to
 * applications. Immutable and thread-safe; {@link #body()} returns a copy.
 *
 * @param msgId the {@code UNIQ_KEY}, or the offset id when the message has none
 * @param offsetMsgId the broker's offset message id
 */
public record ReceivedMessage(String topic, int queueId, long queueOffset, String msgId, String offsetMsgId,
        int flag, int sysFlag, long bornTimestamp, long storeTimestamp, int reconsumeTimes,
        Map<String, String> properties, byte[] body) {
    /** The largest body inflated: a stored body can only have come from a send of at most this. */
    private static final int MAX_INFLATED = 64 * 1024 * 1024;

    public ReceivedMessage {
        properties = Map.copyOf(properties);
        body = body.clone();
    }

    /**
     * The application's view of {@code record}; a zlib-compressed body is inflated and the compressed
     * bit cleared, as official consumers do.
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
            int type = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >>> 8;
            if (type != 0 && type != 3) {
                throw new ClientException("message " + offsetId + " is compressed with codec " + type
                        + " (1 = LZ4, 2 = ZSTD); this client reads zlib only");
            }
            body = inflate(body, offsetId);
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

    private static byte[] inflate(byte[] compressed, String id) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ClientException("the compressed body of message " + id + " is truncated");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new ClientException("the compressed body of message " + id + " inflates past "
                            + MAX_INFLATED + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ClientException("the compressed body of message " + id + " is not zlib: " + e.getMessage(), e);
        } finally {
            inflater.end();
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
