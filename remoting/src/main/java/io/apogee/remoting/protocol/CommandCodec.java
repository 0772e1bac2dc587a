package io.apogee.remoting.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Turns commands into frames and frames into commands, for both header encodings. A command whose
 * body is given as {@linkplain RemotingCommand#bodyRegions() regions} (a pull's records in the mapped
 * store) is framed as a composite of the header and wrapped duplicates of the regions, so the bytes go
 * from the page cache to the socket without a heap copy. Stateless and thread-safe.
 */
public final class CommandCodec {
    /** Bodies up to this size are copied next to the header; larger ones are wrapped, not copied. */
    private static final int COPY_BODY_LIMIT = 16 * 1024;
    /** Binary headers whose worst-case UTF-8 size is at most this are sized by that bound. */
    private static final int BOUND_SIZED_HEADER_LIMIT = 64 * 1024;
    /** JSON headers up to this size are read from a per-thread array rather than a new one. */
    private static final int SCRATCH_LIMIT = 64 * 1024;
    /*
     * The JSON decoder keeps nothing of the array it reads (ext fields are copied out), so each decoding
     * thread (a network thread) can reuse one.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

    private CommandCodec() {
    }

    /**
     * A whole frame, length field included, holding {@code command} in its own serialize type.
     * The caller owns (and must release) the returned buffer.
     */
    public static ByteBuf encode(RemotingCommand command, ByteBufAllocator allocator) {
        byte[] body = command.body();
        int regions = command.bodyRegionCount();
        int bodyLength = command.bodyLength();
        // Regions in direct memory (a pull's mapped records) are always wrapped: that is the point of them.
        // Small heap regions (a producer's read-only view of its body) are copied like a small array.
        boolean wrapBody = bodyLength > COPY_BODY_LIMIT || anyDirect(command, regions);
        int bodyRoom = wrapBody ? 0 : bodyLength;
        ByteBuf frame;
        if (command.serializeType() == SerializeType.JSON) {
            frame = JsonHeaderCodec.encodeFrameStart(command, bodyLength, bodyRoom, allocator);
        } else {
            // Usual headers are sized by an upper bound that needs no pass over the strings, so each
            // string is converted once, straight into the frame; only a huge header is measured exactly
            // first, so as not to reserve three times its size.
            long maxHeaderLength = BinaryHeaderCodec.maxEncodedLength(command);
            int headerRoom = maxHeaderLength <= BOUND_SIZED_HEADER_LIMIT ? (int) maxHeaderLength
                    : BinaryHeaderCodec.encodedLength(command);
            frame = allocator.buffer(FrameLayout.PREAMBLE_SIZE + headerRoom + bodyRoom);
            try {
                int start = frame.writerIndex();
                frame.writeZero(FrameLayout.PREAMBLE_SIZE);
                BinaryHeaderCodec.encode(command, frame);
                int headerLength = frame.writerIndex() - start - FrameLayout.PREAMBLE_SIZE;
                frame.setInt(start, FrameLayout.frameLength(headerLength, bodyLength));
                frame.setInt(start + FrameLayout.LENGTH_FIELD_SIZE,
                        FrameLayout.headerWord(SerializeType.ROCKETMQ, headerLength));
            } catch (RuntimeException e) {
                frame.release();
                throw e;
            }
        }
        if (bodyLength == 0) {
            return frame;
        }
        if (!wrapBody) {
            if (regions == 0) {
                return frame.writeBytes(body);
            }
            for (int i = 0; i < regions; i++) {
                copyRegion(command.bodyRegion(i), frame);
            }
            return frame;
        }
        if (regions == 0) {
            CompositeByteBuf composite = allocator.compositeBuffer(2);
            composite.addComponents(true, frame, Unpooled.wrappedBuffer(body));
            return composite;
        }
        CompositeByteBuf composite = allocator.compositeBuffer(1 + regions);
        composite.addComponent(true, frame);
        for (int i = 0; i < regions; i++) {
            // A duplicate, so that writing the frame moves no position the owner of the region relies on.
            composite.addComponent(true, Unpooled.wrappedBuffer(command.bodyRegion(i).duplicate()));
        }
        return composite;
    }

    /**
     * Appends the remaining bytes of {@code region} to {@code frame} by absolute copies, so that no position
     * the owner of the region relies on moves, and without a duplicate of the region.
     */
    private static void copyRegion(ByteBuffer region, ByteBuf frame) {
        int length = region.remaining();
        frame.ensureWritable(length);
        int at = frame.writerIndex();
        if (frame.hasArray()) {
            region.get(region.position(), frame.array(), frame.arrayOffset() + at, length);
        } else if (frame.nioBufferCount() == 1) {
            ByteBuffer target = frame.internalNioBuffer(at, length);
            target.put(target.position(), region, region.position(), length);
        } else {
            frame.setBytes(at, region.duplicate());
        }
        frame.writerIndex(at + length);
    }

    private static boolean anyDirect(RemotingCommand command, int regions) {
        for (int i = 0; i < regions; i++) {
            if (command.bodyRegion(i).isDirect()) {
                return true;
            }
        }
        return false;
    }

    private static byte[] scratch(int length) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length >= length) {
            return scratch;
        }
        if (length > SCRATCH_LIMIT) {
            return new byte[length];
        }
        scratch = new byte[Math.max(length, Math.min(SCRATCH_LIMIT, scratch.length * 2))];
        SCRATCH.set(scratch);
        return scratch;
    }


    /**
     * Reads one command from a frame whose length field has already been consumed: {@code frame}
     * holds exactly the header word, the header and the body. Does not release {@code frame}.
     *
     * @throws FrameFormatException when the frame is malformed
     */
    public static RemotingCommand decode(ByteBuf frame) {
        int frameLength = frame.readableBytes();
        if (frameLength < FrameLayout.HEADER_WORD_SIZE) {
            throw new FrameFormatException("frame of " + frameLength + " bytes has no header word");
        }
        int word = frame.readInt();
        SerializeType type = SerializeType.ofCode(FrameLayout.serializeTypeCode(word));
        if (type == null) {
            throw new FrameFormatException("unknown serialize type " + FrameLayout.serializeTypeCode(word));
        }
        int headerLength = FrameLayout.headerLength(word);
        if (headerLength > frame.readableBytes()) {
            throw new FrameFormatException("header length " + headerLength + " exceeds the "
                    + frame.readableBytes() + " bytes left in the frame");
        }
        RemotingCommand command;
        if (type == SerializeType.JSON) {
            byte[] header = scratch(headerLength);
            frame.readBytes(header, 0, headerLength);
            command = JsonHeaderCodec.decode(header, 0, headerLength);
        } else {
            command = BinaryHeaderCodec.decode(frame, headerLength);
        }
        command.serializeType(type);
        int bodyLength = frame.readableBytes();
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.readBytes(body);
            command.body(body);
        }
        return command;
    }
}
