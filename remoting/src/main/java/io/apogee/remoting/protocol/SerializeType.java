package io.apogee.remoting.protocol;

/**
 * How a frame's header is encoded, as told by the high byte of the frame's second word. Immutable.
 */
public enum SerializeType {
    /** A UTF-8 JSON object. */
    JSON((byte) 0),
    /** RocketMQ's compact binary layout, see {@link BinaryHeaderCodec}. */
    ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The type for a wire code, or null when the code names no type (a malformed frame). */
    public static SerializeType ofCode(int code) {
        switch (code) {
            case 0:
                return JSON;
            case 1:
                return ROCKETMQ;
            default:
                return null;
        }
    }
}
