package io.apogee.client.compression;

import io.apogee.common.message.MessageSysFlag;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The body codecs of RocketMQ messages, named and numbered as the official client does
 * ({@code rocketmq.message.compressType}; the codec number sits in bits 8..10 of the sysFlag next to
 * the {@code COMPRESSED} bit): {@code LZ4} (1, an LZ4 frame), {@code ZSTD} (2, a Zstandard frame) and
 * {@code ZLIB} (3, a deflate stream with the zlib header; also what a compressed body without codec bits
 * is). Stateless and thread-safe.
 */
public enum Compression {
    LZ4(1, new Lz4Codec()),
    ZSTD(2, new ZstdCodec()),
    ZLIB(3, new ZlibCodec());

    /** The system property the official producer reads its codec from. */
    public static final String TYPE_PROPERTY = "rocketmq.message.compressType";
    /** The system property the official producer reads its level from. */
    public static final String LEVEL_PROPERTY = "rocketmq.message.compressLevel";
    public static final int DEFAULT_LEVEL = 5;

    private final int number;
    private final Codec codec;

    Compression(int number, Codec codec) {
        this.number = number;
        this.codec = codec;
    }

    /** The codec number of the sysFlag's bits 8..10. */
    public int number() {
        return number;
    }

    /** What a body compressed with this codec adds to the sysFlag: {@code COMPRESSED | number << 8}. */
    public int sysFlagBits() {
        return MessageSysFlag.COMPRESSED | (number << 8);
    }

    /**
     * The codec of a stored message's sysFlag, or null when its {@code COMPRESSED} bit is clear. No
     * codec bits means zlib (producers before codecs were numbered).
     *
     * @throws IllegalArgumentException when the codec number is not one of 1, 2, 3
     */
    public static Compression ofSysFlag(int sysFlag) {
        if ((sysFlag & MessageSysFlag.COMPRESSED) == 0) {
            return null;
        }
        int n = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >>> 8;
        return switch (n) {
            case 0, 3 -> ZLIB;
            case 1 -> LZ4;
            case 2 -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression codec " + n
                    + " in sysFlag 0x" + Integer.toHexString(sysFlag) + " (1 = LZ4, 2 = ZSTD, 3 = ZLIB)");
        };
    }

    /**
     * The codec named {@code name} ({@code LZ4}, {@code ZSTD}, {@code ZLIB}, any case, surrounding blanks
     * ignored).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Compression parse(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (Compression c : values()) {
                if (c.name().equals(wanted)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("compressType must be one of LZ4, ZSTD, ZLIB, compressType=" + name);
    }

    /**
     * The codec of {@code rocketmq.message.compressType}, ZLIB when it is not set.
     *
     * @throws IllegalArgumentException when it is set to something else than a codec name
     */
    public static Compression configured() {
        String value = System.getProperty(TYPE_PROPERTY);
        if (value == null || value.isBlank()) {
            return ZLIB;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + TYPE_PROPERTY + " must be one of LZ4, ZSTD, "
                    + "ZLIB, " + TYPE_PROPERTY + "=" + value, e);
        }
    }

    /** The level of {@code rocketmq.message.compressLevel}, 5 when it is not set or not a number. */
    public static int configuredLevel() {
        try {
            return Integer.parseInt(System.getProperty(LEVEL_PROPERTY, Integer.toString(DEFAULT_LEVEL)).trim());
        } catch (NumberFormatException e) {
            return DEFAULT_LEVEL;
        }
    }

    /**
     * Checks a level for this codec: ZLIB 0..9, ZSTD 0..22 (0 is the library's default); LZ4 frames have
     * no level, so any is accepted and ignored.
     *
     * @throws IllegalArgumentException naming the range
     */
    public int checkLevel(int level) {
        codec.checkLevel(level);
        return level;
    }

    /** The compressed form of the bytes remaining in {@code body} (which is not consumed). */
    public byte[] compress(ByteBuffer body, int level) {
        return codec.compress(body.duplicate(), level);
    }

    /**
     * The original bytes of {@code compressed}.
     *
     * @param maxLength the most bytes accepted: a corrupt or hostile body cannot exhaust the heap
     * @throws IOException when the data is not this codec's format, is truncated, or decompresses past
     *     {@code maxLength}
     */
    public byte[] decompress(byte[] compressed, int maxLength) throws IOException {
        return codec.decompress(compressed, maxLength);
    }
}
