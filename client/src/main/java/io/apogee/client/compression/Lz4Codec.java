package io.apogee.client.compression;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * The LZ4 frame format (lz4-java's frame streams), which the official client writes and reads. We
 * write 64 KiB blocks: any reader of the frame format accepts them, and a message body does not need
 * the 4 MiB block buffer of the stream's default.
 */
final class Lz4Codec implements Codec {
    @Override
    public void checkLevel(int level) {
        // The frame format has no level; the official client ignores it too.
    }

    @Override
    public byte[] compress(ByteBuffer body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.remaining() / 2));
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            byte[] bytes = Codec.bytes(body);
            lz4.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            // Only the in-memory stream is written to: this is a bug, not an input problem.
            throw new UncheckedIOException("LZ4 compression failed", e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decompress(byte[] compressed, int maxLength) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(compressed))) {
            return Codec.readBounded(in, compressed.length, maxLength);
        } catch (RuntimeException e) {
            // lz4-java reports some malformed frames with unchecked exceptions.
            throw new IOException("the body is not an LZ4 frame: " + e.getMessage(), e);
        }
    }
}
