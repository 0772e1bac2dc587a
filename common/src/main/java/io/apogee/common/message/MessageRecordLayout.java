package io.apogee.common.message;

/**
 * The one place that knows the byte layout of a stored-message record (the CommitLog record, which
 * is also the body of pull, query and view responses). All integers are big-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                      TOTALSIZE (whole record)                 |
 *  +---------------------------------------------------------------+  4
 *  |                 MAGICCODE (V1 0xDAA320A7 / V2 0xDAA320AB)     |
 *  +---------------------------------------------------------------+  8
 *  |                 BODYCRC (crc32(body) &amp; 0x7FFFFFFF)            |
 *  +---------------------------------------------------------------+ 12
 *  |                            QUEUEID                            |
 *  +---------------------------------------------------------------+ 16
 *  |                             FLAG                              |
 *  +---------------------------------------------------------------+ 20
 *  |                        QUEUEOFFSET (8)                        |
 *  +---------------------------------------------------------------+ 28
 *  |                      PHYSICALOFFSET (8)                       |
 *  +---------------------------------------------------------------+ 36
 *  |                            SYSFLAG                            |
 *  +---------------------------------------------------------------+ 40
 *  |                      BORNTIMESTAMP (8)                        |
 *  +---------------------------------------------------------------+ 48
 *  |  BORNHOST: IPv4 (4) + port (4), or IPv6 (16) + port (4)       |
 *  +---------------------------------------------------------------+ 48+b
 *  |                      STORETIMESTAMP (8)                       |
 *  +---------------------------------------------------------------+
 *  |  STOREHOST: IPv4 (4) + port (4), or IPv6 (16) + port (4)      |
 *  +---------------------------------------------------------------+
 *  |                        RECONSUMETIMES                         |
 *  +---------------------------------------------------------------+
 *  |                  PREPARED TRANSACTION OFFSET (8)              |
 *  +---------------------------------------------------------------+
 *  |  BODYLENGTH (4)  |  BODY ...                                  |
 *  +---------------------------------------------------------------+
 *  |  TOPICLENGTH (1 in V1, 2 in V2)  |  TOPIC (UTF-8) ...         |
 *  +---------------------------------------------------------------+
 *  |  PROPERTIESLENGTH (2)  |  PROPERTIES (UTF-8) ...              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A CommitLog file ends with an 8-byte blank record: {@code int bytesLeftInFile} followed by
 * {@link #BLANK_MAGIC_CODE}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageRecordLayout {
    public static final int MAGIC_CODE_V1 = 0xDAA320A7;
    public static final int MAGIC_CODE_V2 = 0xDAA320AB;
    public static final int BLANK_MAGIC_CODE = 0xCBD43194;
    public static final int BLANK_RECORD_LENGTH = 8;

    public static final int TOTAL_SIZE_OFFSET = 0;
    public static final int MAGIC_OFFSET = 4;
    public static final int BODY_CRC_OFFSET = 8;
    public static final int QUEUE_ID_OFFSET = 12;
    public static final int FLAG_OFFSET = 16;
    public static final int QUEUE_OFFSET_OFFSET = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 28;
    public static final int SYS_FLAG_OFFSET = 36;
    public static final int BORN_TIMESTAMP_OFFSET = 40;
    public static final int BORN_HOST_OFFSET = 48;

    /** The V1 topic length is a signed byte, so longer topics need V2. */
    public static final int MAX_V1_TOPIC_LENGTH = 127;
    /** The properties length is a signed short. */
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;

    private static final int IPV4_HOST_LENGTH = 8;
    private static final int IPV6_HOST_LENGTH = 20;

    private MessageRecordLayout() {
    }

    public static boolean isMessageMagic(int magic) {
        return magic == MAGIC_CODE_V1 || magic == MAGIC_CODE_V2;
    }

    public static int topicLengthFieldSize(int magic) {
        if (magic == MAGIC_CODE_V1) {
            return 1;
        }
        if (magic == MAGIC_CODE_V2) {
            return 2;
        }
        throw new IllegalArgumentException("not a message magic code, magic=0x" + Integer.toHexString(magic));
    }

    public static int bornHostLength(int sysFlag) {
        return MessageSysFlag.bornHostV6(sysFlag) ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    public static int storeHostLength(int sysFlag) {
        return MessageSysFlag.storeHostV6(sysFlag) ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    public static int storeTimestampOffset(int sysFlag) {
        return BORN_HOST_OFFSET + bornHostLength(sysFlag);
    }

    public static int storeHostOffset(int sysFlag) {
        return storeTimestampOffset(sysFlag) + 8;
    }

    public static int reconsumeTimesOffset(int sysFlag) {
        return storeHostOffset(sysFlag) + storeHostLength(sysFlag);
    }

    public static int preparedTransactionOffsetOffset(int sysFlag) {
        return reconsumeTimesOffset(sysFlag) + 4;
    }

    public static int bodyLengthOffset(int sysFlag) {
        return preparedTransactionOffsetOffset(sysFlag) + 8;
    }

    /** Offset of the topic length field, given the body length. */
    public static int topicLengthOffset(int sysFlag, int bodyLength) {
        return bodyLengthOffset(sysFlag) + 4 + bodyLength;
    }

    /** Offset of the properties length field. */
    public static int propertiesLengthOffset(int sysFlag, int bodyLength, int magic, int topicLength) {
        return topicLengthOffset(sysFlag, bodyLength) + topicLengthFieldSize(magic) + topicLength;
    }

    /** The exact record length that TOTALSIZE must hold. */
    public static int recordLength(int sysFlag, int bodyLength, int magic, int topicLength, int propertiesLength) {
        return propertiesLengthOffset(sysFlag, bodyLength, magic, topicLength) + 2 + propertiesLength;
    }

    /** V1 unless the topic does not fit a signed byte. */
    public static int magicFor(int topicLength) {
        return topicLength > MAX_V1_TOPIC_LENGTH ? MAGIC_CODE_V2 : MAGIC_CODE_V1;
    }
}
