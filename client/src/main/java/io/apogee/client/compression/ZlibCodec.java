package io.apogee.client.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** A deflate stream with the zlib header and checksum (RFC 1950), from the JDK. */
final class ZlibCodec implements Codec {
    @Override
    public void checkLevel(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compressLevel of ZLIB must be in [0, 9], compressLevel=" + level);
        }
    }

    @Override
    public byte[] compress(ByteBuffer body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.remaining() / 4));
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(512, body.remaining()))];
            // Bounded: deflate always makes progress on finished input.
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] compressed, int maxLength) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxLength, Math.max(256, compressed.length * 4)));
            byte[] chunk = new byte[8192];
            // Bounded: each round either produces bytes (capped at maxLength in total) or ends.
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("the zlib body is truncated");
                }
                if (out.size() + n > maxLength) {
                    throw new IOException("the body decompresses past " + maxLength + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("the body is not zlib: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
