package io.apogee.remoting.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecBodyRegionsTest {

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length + 4);
        buffer.put(new byte[] {9, 9}).put(bytes).put(new byte[] {9, 9});
        // A view of the middle only, as the store hands out one record of a mapped file.
        return buffer.position(2).limit(2 + bytes.length).slice();
    }

    private static RemotingCommand decode(ByteBuf frame) {
        try {
            assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
            return CommandCodec.decode(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void writesRegionsAsTheBodyWithoutCopyingThem() {
        ByteBuffer first = direct("first record;");
        ByteBuffer second = direct("second record");
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, "FOUND")
                    .putExtField("nextBeginOffset", "2").serializeType(type).bodyRegions(List.of(first, second));

            ByteBuf frame = CommandCodec.encode(response, UnpooledByteBufAllocator.DEFAULT);

            assertThat(frame).isInstanceOf(CompositeByteBuf.class);
            CompositeByteBuf composite = (CompositeByteBuf) frame;
            assertThat(composite.numComponents()).isEqualTo(3);
            assertThat(composite.component(1).isDirect()).as("the region is wrapped, not copied to the heap").isTrue();
            RemotingCommand decoded = decode(frame);
            assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("first record;second record");
            assertThat(decoded.extField("nextBeginOffset")).isEqualTo("2");
            assertThat(decoded.remark()).isEqualTo("FOUND");
        }
        assertThat(first.position()).as("the owner's view is untouched").isZero();
        assertThat(second.remaining()).isEqualTo("second record".length());
    }

    @Test
    void regionsAndAByteArrayBodyReplaceEachOther() {
        RemotingCommand command = RemotingCommand.response(ResponseCode.SUCCESS, null);
        command.body(new byte[] {1, 2, 3}).bodyRegions(List.of(direct("abcd")));
        assertThat(command.body()).isNull();
        assertThat(command.bodyLength()).isEqualTo(4);
        command.body(new byte[] {1});
        assertThat(command.bodyRegions()).isNull();
        assertThat(command.bodyLength()).isEqualTo(1);
        assertThat(command.bodyRegions(List.of()).bodyLength()).isZero();
    }

    @Test
    void emptyRegionsGiveAFrameWithoutBody() {
        RemotingCommand command = RemotingCommand.response(ResponseCode.PULL_NOT_FOUND, "OFFSET_OVERFLOW_ONE")
                .bodyRegions(List.of(ByteBuffer.allocateDirect(0)));
        RemotingCommand decoded = decode(CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT));
        assertThat(decoded.body()).isNull();
        assertThat(decoded.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    }

    @Test
    void copiesSmallHeapRegionsIntoTheFrameLeavingTheirPositions() {
        ByteBuffer heap = ByteBuffer.wrap("xxheap bodyxx".getBytes(StandardCharsets.UTF_8)).position(2).limit(11)
                .slice().asReadOnlyBuffer();
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).serializeType(type)
                    .bodyRegions(List.of(heap));
            ByteBuf frame = CommandCodec.encode(request, UnpooledByteBufAllocator.DEFAULT);
            assertThat(frame).isNotInstanceOf(CompositeByteBuf.class);
            assertThat(new String(decode(frame).body(), StandardCharsets.UTF_8)).isEqualTo("heap body");
            assertThat(heap.position()).isZero();
        }
    }

    /** Heap, unpooled direct and pooled direct frames; one region without a list, and two regions. */
    @Test
    void copiesRegionsThatStartInsideTheirArrayIntoEveryKindOfFrame() {
        ByteBuffer first = ByteBuffer.wrap("xxheap bodyxx".getBytes(StandardCharsets.UTF_8)).position(2).limit(11)
                .asReadOnlyBuffer();
        ByteBuffer second = ByteBuffer.wrap("--, more--".getBytes(StandardCharsets.UTF_8)).position(2).limit(8);
        List<ByteBufAllocator> allocators = List.of(new UnpooledByteBufAllocator(false),
                new UnpooledByteBufAllocator(true), PooledByteBufAllocator.DEFAULT);
        for (ByteBufAllocator allocator : allocators) {
            for (SerializeType type : SerializeType.values()) {
                RemotingCommand single = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).serializeType(type)
                        .bodyRegion(first);
                assertThat(single.bodyLength()).isEqualTo(9);
                assertThat(single.bodyRegions()).containsExactly(first);
                assertThat(new String(decode(CommandCodec.encode(single, allocator)).body(), StandardCharsets.UTF_8))
                        .as("%s %s", allocator, type).isEqualTo("heap body");
                RemotingCommand two = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).serializeType(type)
                        .bodyRegions(List.of(first, second));
                assertThat(new String(decode(CommandCodec.encode(two, allocator)).body(), StandardCharsets.UTF_8))
                        .as("%s %s", allocator, type).isEqualTo("heap body, more");
                assertThat(first.position()).isEqualTo(2);
                assertThat(second.position()).isEqualTo(2);
                assertThat(single.body(new byte[] {1}).bodyRegions()).isNull();
            }
        }
    }
}
