package io.apogee.common.message;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The BODYCRC field: CRC-32 (IEEE) of the stored body, masked to a non-negative int.
 *
 * <p>Stateless and thread-safe.
 */
public final class BodyCrc {
    private static final int MASK = 0x7FFFFFFF;

    private BodyCrc() {
    }

    public static int of(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        return (int) crc.getValue() & MASK;
    }

    /** CRC of {@code length} bytes at absolute {@code position}, leaving the buffer's position alone. */
    public static int of(ByteBuffer buffer, int position, int length) {
        CRC32 crc = new CRC32();
        crc.update(buffer.slice(position, length));
        return (int) crc.getValue() & MASK;
    }
}
