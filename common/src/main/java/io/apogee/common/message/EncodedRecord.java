package io.apogee.common.message;

import static io.apogee.common.message.MessageRecordLayout.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message prepared for writing: strings turned into UTF-8, CRC computed, length known. The
 * expensive work happens here, outside the CommitLog's append lock; {@link #writeTo} then only
 * copies bytes, filling in the three fields the store assigns under the lock.
 *
 * <p>Immutable and thread-safe; {@link #writeTo} touches only the destination buffer.
 */
public final class EncodedRecord {
    private final MessageRecord message;
    private final byte[] topic;
    private final byte[] properties;
    private final int sysFlag;
    private final int magic;
    private final int bodyCrc;
    private final int length;

    private EncodedRecord(MessageRecord message) {
        this.message = message;
        this.topic = message.topic().getBytes(StandardCharsets.UTF_8);
        this.properties = message.properties().getBytes(StandardCharsets.UTF_8);
        int flags = message.sysFlag() & ~(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6);
        if (HostCodec.isV6(message.bornHost())) {
            flags |= MessageSysFlag.BORNHOST_V6;
        }
        if (HostCodec.isV6(message.storeHost())) {
            flags |= MessageSysFlag.STOREHOST_V6;
        }
        this.sysFlag = flags;
        this.magic = magicFor(topic.length);
        if (topic.length > 0xFFFF) {
            throw new IllegalArgumentException("topic too long to encode, utf8Length=" + topic.length);
        }
        this.bodyCrc = BodyCrc.of(message.body());
        this.length = properties.length > MAX_PROPERTIES_LENGTH
                ? -1
                : recordLength(sysFlag, message.body().length, magic, topic.length, properties.length);
    }

    /** Prepares a record; an over-long properties string shows as {@link #propertiesLength()}. */
    public static EncodedRecord of(MessageRecord message) {
        return new EncodedRecord(message);
    }

    /** Encodes a complete record with the offsets and store time already in {@code message}. */
    public static ByteBuffer encode(MessageRecord message) {
        EncodedRecord r = of(message);
        if (r.length < 0) {
            throw new IllegalArgumentException("properties too long, utf8Length=" + r.properties.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(r.length);
        r.writeTo(buf, 0, message.queueOffset(), message.physicalOffset(), message.storeTimestamp());
        return buf;
    }

    public MessageRecord message() {
        return message;
    }

    /** Record length in bytes (TOTALSIZE), or -1 if the properties do not fit a short. */
    public int length() {
        return length;
    }

    public int bodyLength() {
        return message.body().length;
    }

    public int topicLength() {
        return topic.length;
    }

    public int propertiesLength() {
        return properties.length;
    }

    public int sysFlag() {
        return sysFlag;
    }

    /** Writes the whole record at absolute {@code pos}; the buffer's position is not moved. */
    public void writeTo(ByteBuffer dst, int pos, long queueOffset, long physicalOffset, long storeTimestamp) {
        if (length < 0) {
            throw new IllegalStateException("record cannot be encoded, propertiesLength=" + properties.length);
        }
        MessageRecord m = message;
        dst.putInt(pos + TOTAL_SIZE_OFFSET, length);
        dst.putInt(pos + MAGIC_OFFSET, magic);
        dst.putInt(pos + BODY_CRC_OFFSET, bodyCrc);
        dst.putInt(pos + QUEUE_ID_OFFSET, m.queueId());
        dst.putInt(pos + FLAG_OFFSET, m.flag());
        dst.putLong(pos + QUEUE_OFFSET_OFFSET, queueOffset);
        dst.putLong(pos + PHYSICAL_OFFSET_OFFSET, physicalOffset);
        dst.putInt(pos + SYS_FLAG_OFFSET, sysFlag);
        dst.putLong(pos + BORN_TIMESTAMP_OFFSET, m.bornTimestamp());
        HostCodec.write(dst, pos + BORN_HOST_OFFSET, m.bornHost());
        dst.putLong(pos + storeTimestampOffset(sysFlag), storeTimestamp);
        HostCodec.write(dst, pos + storeHostOffset(sysFlag), m.storeHost());
        dst.putInt(pos + reconsumeTimesOffset(sysFlag), m.reconsumeTimes());
        dst.putLong(pos + preparedTransactionOffsetOffset(sysFlag), m.preparedTransactionOffset());
        int p = pos + bodyLengthOffset(sysFlag);
        byte[] body = m.body();
        dst.putInt(p, body.length);
        dst.put(p + 4, body);
        p += 4 + body.length;
        if (magic == MAGIC_CODE_V1) {
            dst.put(p, (byte) topic.length);
            p += 1;
        } else {
            dst.putShort(p, (short) topic.length);
            p += 2;
        }
        dst.put(p, topic);
        p += topic.length;
        dst.putShort(p, (short) properties.length);
        dst.put(p + 2, properties);
    }
}
