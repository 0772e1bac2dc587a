package io.apogee.client.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** One body codec; see {@link Compression}. Implementations are stateless and thread-safe. */
interface Codec {
    void checkLevel(int level);

    byte[] compress(ByteBuffer body, int level);

    byte[] decompress(byte[] compressed, int maxLength) throws IOException;

    /** Reads {@code in} to its end, refusing more than {@code maxLength} bytes. */
    static byte[] readBounded(InputStream in, int compressedLength, int maxLength) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxLength, Math.max(256, compressedLength * 4)));
        byte[] chunk = new byte[8192];
        // Bounded: every round reads at least one byte or ends; the total is capped at maxLength.
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (out.size() + n > maxLength) {
                throw new IOException("the body decompresses past " + maxLength + " bytes");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** The bytes remaining in {@code body}: its array when it is exactly that, a copy otherwise. */
    static byte[] bytes(ByteBuffer body) {
        if (body.hasArray() && body.arrayOffset() == 0 && body.position() == 0
                && body.remaining() == body.array().length) {
            return body.array();
        }
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        return copy;
    }
}
