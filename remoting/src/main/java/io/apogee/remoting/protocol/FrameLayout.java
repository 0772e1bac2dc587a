package io.apogee.remoting.protocol;

/**
 * The layout of one remoting frame. No other class computes these offsets.
 *
 * <pre>
 *  0                   4                   8
 *  +-------------------+---+---------------+----------------------+-----------------+
 *  | frame length L    | T | header len H  | header (H bytes)     | body (L - 4 - H)|
 *  | int32             |u8 | uint24        | JSON or binary       | opaque bytes    |
 *  +-------------------+---+---------------+----------------------+-----------------+
 * </pre>
 *
 * {@code L} counts every byte after the length field itself. {@code T} is the
 * {@link SerializeType} code of the header. All integers are big-endian.
 */
public final class FrameLayout {
    /** Bytes of the leading frame-length field. */
    public static final int LENGTH_FIELD_SIZE = 4;
    /** Bytes of the word that holds the serialize type and the header length. */
    public static final int HEADER_WORD_SIZE = 4;
    /** Bytes in front of the header: the length field and the header word. */
    public static final int PREAMBLE_SIZE = LENGTH_FIELD_SIZE + HEADER_WORD_SIZE;
    /** The largest header length the 24-bit field can express. */
    public static final int MAX_HEADER_LENGTH = 0xFF_FFFF;
    /** Default limit of a whole frame, length field included, as RocketMQ's decoders apply it. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** The system property that overrides the default frame limit, as in RocketMQ. */
    public static final String MAX_FRAME_LENGTH_PROPERTY = "com.rocketmq.remoting.frameMaxLength";

    private FrameLayout() {
    }

    /** The frame limit of this JVM: {@value #MAX_FRAME_LENGTH_PROPERTY}, or the default. */
    public static int configuredMaxFrameLength() {
        return Integer.getInteger(MAX_FRAME_LENGTH_PROPERTY, DEFAULT_MAX_FRAME_LENGTH);
    }

    /** The word that follows the length field. */
    public static int headerWord(SerializeType type, int headerLength) {
        if (headerLength < 0 || headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header length out of range: headerLength=" + headerLength);
        }
        return (type.code() << 24) | headerLength;
    }

    /** The serialize type code in a header word (not yet validated). */
    public static int serializeTypeCode(int headerWord) {
        return (headerWord >>> 24) & 0xFF;
    }

    /** The header length in a header word. */
    public static int headerLength(int headerWord) {
        return headerWord & MAX_HEADER_LENGTH;
    }

    /** The value of the frame-length field for a header and body of the given sizes. */
    public static int frameLength(int headerLength, int bodyLength) {
        return HEADER_WORD_SIZE + headerLength + bodyLength;
    }
}
