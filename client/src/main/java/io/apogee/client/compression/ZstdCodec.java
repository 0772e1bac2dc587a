package io.apogee.client.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The Zstandard frame format (zstd-jni): one-shot compression, streaming bounded decompression. */
final class ZstdCodec implements Codec {
    private static final int MAX_LEVEL = 22;

    @Override
    public void checkLevel(int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("compressLevel of ZSTD must be in [0, " + MAX_LEVEL + "], compressLevel="
                    + level);
        }
    }

    @Override
    public byte[] compress(ByteBuffer body, int level) {
        return Zstd.compress(Codec.bytes(body), level);
    }

    @Override
    public byte[] decompress(byte[] compressed, int maxLength) throws IOException {
        // A stream, not Zstd.decompress: frames written by a stream (the official client's) carry no size.
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
            return Codec.readBounded(in, compressed.length, maxLength);
        } catch (RuntimeException e) {
            throw new IOException("the body is not a ZSTD frame: " + e.getMessage(), e);
        }
    }
}
