package io.apogee.common.message;

import static io.apogee.common.message.MessageRecordLayout.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes stored-message records and checks that they are whole: a known magic, a TOTALSIZE equal
 * to the length its fields add up to, and (on request) a matching body CRC.
 *
 * <p>Stateless and thread-safe. Only absolute reads are used, so the source buffer may be shared
 * by readers as long as none of them moves its position.
 */
public final class MessageRecordDecoder {
    private MessageRecordDecoder() {
    }

    /** Decodes the record at the buffer's position and advances the position past it. */
    public static MessageRecord decode(ByteBuffer src) {
        MessageRecord r = decode(src, src.position(), true, true);
        src.position(src.position() + r.storeSize());
        return r;
    }

    /** Decodes records back to back until the buffer ends. */
    public static List<MessageRecord> decodeAll(ByteBuffer src) {
        List<MessageRecord> out = new ArrayList<>();
        ByteBuffer b = src.duplicate();
        int bound = 10_000_000;
        while (b.remaining() > 0 && bound-- > 0) {
            out.add(decode(b));
        }
        return out;
    }

    /**
     * Decodes the record at absolute {@code pos}, whose bytes must lie below the buffer's limit.
     *
     * @param readBody  false leaves the body empty (no copy), for index and dispatch paths
     * @param checkCrc  verify BODYCRC against the body bytes
     * @throws CorruptRecordException if the bytes are not one whole valid record
     */
    public static MessageRecord decode(ByteBuffer src, int pos, boolean readBody, boolean checkCrc) {
        int available = src.limit() - pos;
        if (available < BORN_HOST_OFFSET) {
            throw new CorruptRecordException("record header truncated, available=" + available + ", pos=" + pos);
        }
        int totalSize = src.getInt(pos + TOTAL_SIZE_OFFSET);
        int magic = src.getInt(pos + MAGIC_OFFSET);
        if (!isMessageMagic(magic)) {
            throw new CorruptRecordException("bad magic code 0x" + Integer.toHexString(magic) + " at pos=" + pos);
        }
        if (totalSize < BORN_HOST_OFFSET || totalSize > available) {
            throw new CorruptRecordException("bad total size " + totalSize + ", available=" + available
                    + ", pos=" + pos);
        }
        int sysFlag = src.getInt(pos + SYS_FLAG_OFFSET);
        int bodyLengthAt = pos + bodyLengthOffset(sysFlag);
        if (bodyLengthAt + 4 > pos + totalSize) {
            throw new CorruptRecordException("record shorter than its header, totalSize=" + totalSize);
        }
        int bodyLength = src.getInt(bodyLengthAt);
        if (bodyLength < 0 || bodyLength > totalSize) {
            throw new CorruptRecordException("bad body length " + bodyLength + ", totalSize=" + totalSize);
        }
        int topicLengthAt = bodyLengthAt + 4 + bodyLength;
        int topicFieldSize = topicLengthFieldSize(magic);
        if (topicLengthAt + topicFieldSize > pos + totalSize) {
            throw new CorruptRecordException("body overruns record, bodyLength=" + bodyLength);
        }
        int topicLength = topicFieldSize == 1 ? src.get(topicLengthAt) : src.getShort(topicLengthAt) & 0xFFFF;
        if (topicLength < 0) {
            throw new CorruptRecordException("bad topic length " + topicLength);
        }
        int propsLengthAt = topicLengthAt + topicFieldSize + topicLength;
        if (propsLengthAt + 2 > pos + totalSize) {
            throw new CorruptRecordException("topic overruns record, topicLength=" + topicLength);
        }
        int propsLength = src.getShort(propsLengthAt);
        int expected = recordLength(sysFlag, bodyLength, magic, topicLength, Math.max(propsLength, 0));
        if (propsLength < 0 || expected != totalSize) {
            throw new CorruptRecordException("total size " + totalSize + " does not match fields, expected="
                    + expected);
        }
        int bodyCrc = src.getInt(pos + BODY_CRC_OFFSET);
        if (checkCrc && BodyCrc.of(src, bodyLengthAt + 4, bodyLength) != bodyCrc) {
            throw new CorruptRecordException("body crc mismatch, stored=" + bodyCrc + ", pos=" + pos);
        }
        byte[] body = new byte[readBody ? bodyLength : 0];
        if (readBody) {
            src.get(bodyLengthAt + 4, body);
        }
        return MessageRecord.builder()
                .storeSize(totalSize)
                .bodyCrc(bodyCrc)
                .queueId(src.getInt(pos + QUEUE_ID_OFFSET))
                .flag(src.getInt(pos + FLAG_OFFSET))
                .queueOffset(src.getLong(pos + QUEUE_OFFSET_OFFSET))
                .physicalOffset(src.getLong(pos + PHYSICAL_OFFSET_OFFSET))
                .sysFlag(sysFlag)
                .bornTimestamp(src.getLong(pos + BORN_TIMESTAMP_OFFSET))
                .bornHost(HostCodec.read(src, pos + BORN_HOST_OFFSET, MessageSysFlag.bornHostV6(sysFlag)))
                .storeTimestamp(src.getLong(pos + storeTimestampOffset(sysFlag)))
                .storeHost(HostCodec.read(src, pos + storeHostOffset(sysFlag), MessageSysFlag.storeHostV6(sysFlag)))
                .reconsumeTimes(src.getInt(pos + reconsumeTimesOffset(sysFlag)))
                .preparedTransactionOffset(src.getLong(pos + preparedTransactionOffsetOffset(sysFlag)))
                .body(body)
                .topic(utf8(src, topicLengthAt + topicFieldSize, topicLength))
                .properties(utf8(src, propsLengthAt + 2, propsLength))
                .build();
    }

    private static String utf8(ByteBuffer src, int pos, int length) {
        byte[] bytes = new byte[length];
        src.get(pos, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
