package io.apogee.client.producer;

import io.apogee.common.message.MessageSysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses large single-message bodies as the official producer does
 * (shared/protocol/03-broker-client.md section 2.5): a zlib stream (deflate with the zlib header)
 * flagged {@code COMPRESSED | ZLIB << 8} in the sysFlag, which every official consumer inflates.
 * Batches are never compressed. Stateless and thread-safe (one Deflater per call).
 */
final class BodyCompressor {
    /** The compression type of bits 8..10 of the sysFlag; 3 is zlib. */
    static final int ZLIB_TYPE = 3;
    /** What a zlib-compressed body adds to the sysFlag: 0x301. */
    static final int ZLIB_SYS_FLAG = MessageSysFlag.COMPRESSED | (ZLIB_TYPE << 8);

    private BodyCompressor() {
    }

    /** The zlib stream of the bytes remaining in {@code body}, at {@code level} (0..9). */
    static byte[] zlib(ByteBuffer body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body.duplicate());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.remaining() / 4));
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(512, body.remaining()))];
            // Bounded: deflate always makes progress on finished input, and the output is at most a
            // few bytes per 16 KiB larger than the input.
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The compression level from {@code rocketmq.message.compressLevel}, default 5. */
    static int configuredLevel() {
        try {
            int level = Integer.parseInt(System.getProperty("rocketmq.message.compressLevel", "5"));
            return level < 0 || level > 9 ? 5 : level;
        } catch (NumberFormatException e) {
            return 5;
        }
    }
}
