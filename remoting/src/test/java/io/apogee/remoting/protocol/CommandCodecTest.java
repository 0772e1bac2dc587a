package io.apogee.remoting.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    private static RemotingCommand decodeFrame(ByteBuf frame) {
        try {
            int length = frame.readInt();
            assertThat(length).isEqualTo(frame.readableBytes());
            return CommandCodec.decode(frame);
        } finally {
            frame.release();
        }
    }

    private static RemotingCommand routeRequest(SerializeType type) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("topic", "protoprobe_t1");
        return new RemotingCommand().code(105).opaque(0).extFields(ext).serializeType(type);
    }

    @Test
    void writesTheJsonHeaderExactlyAsTheOfficialPeersDo() {
        ByteBuf frame = CommandCodec.encode(routeRequest(SerializeType.JSON), UnpooledByteBufAllocator.DEFAULT);
        try {
            String expected = "{\"code\":105,\"extFields\":{\"topic\":\"protoprobe_t1\"},\"flag\":0,\"language\":\"JAVA\","
                    + "\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";
            byte[] json = expected.getBytes(StandardCharsets.UTF_8);
            assertThat(frame.getInt(0)).isEqualTo(4 + json.length);
            assertThat(frame.getInt(4)).isEqualTo(json.length);
            assertThat(frame.toString(8, frame.readableBytes() - 8, StandardCharsets.UTF_8)).isEqualTo(expected);
        } finally {
            frame.release();
        }
    }

    @Test
    void writesTheBinaryHeaderByteForByteAsCaptured() {
        ByteBuf frame = CommandCodec.encode(routeRequest(SerializeType.ROCKETMQ), UnpooledByteBufAllocator.DEFAULT);
        try {
            String captured = "00000031" + "0100002d" + "0069" + "00" + "01df" + "00000000" + "00000000" + "00000000"
                    + "00000018" + "0005" + "746f706963" + "0000000d" + "70726f746f70726f62655f7431";
            assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(captured);
        } finally {
            frame.release();
        }
    }

    @Test
    void roundTripsEveryFieldInBothEncodings() {
        for (SerializeType type : SerializeType.values()) {
            Map<String, String> ext = new HashMap<>();
            ext.put("topic", "tópico-\u4e2d\u6587");
            ext.put("properties", "KEYS\u0001k1\u0002TAGS\u0001A\u0002");
            byte[] body = new byte[70_000];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) i;
            }
            RemotingCommand sent = new RemotingCommand().code(310).language(LanguageCode.GO).version(401)
                    .opaque(-7).flag(RemotingCommand.RESPONSE_FLAG | RemotingCommand.ONEWAY_FLAG)
                    .remark("rémark \"quoted\"\n").extFields(ext).body(body).serializeType(type);

            RemotingCommand received = decodeFrame(CommandCodec.encode(sent, UnpooledByteBufAllocator.DEFAULT));

            assertThat(received.code()).isEqualTo(310);
            assertThat(received.language()).isEqualTo(LanguageCode.GO);
            assertThat(received.version()).isEqualTo(401);
            assertThat(received.opaque()).isEqualTo(-7);
            assertThat(received.flag()).isEqualTo(3);
            assertThat(received.remark()).isEqualTo("rémark \"quoted\"\n");
            assertThat(received.extFields()).isEqualTo(ext);
            assertThat(received.body()).isEqualTo(body);
            assertThat(received.serializeType()).isEqualTo(type);
        }
    }

    @Test
    void keepsTheDifferenceBetweenNoExtFieldsAndAnEmptyMapInJson() {
        RemotingCommand none = decodeFrame(CommandCodec.encode(RemotingCommand.response(0, null),
                UnpooledByteBufAllocator.DEFAULT));
        RemotingCommand empty = decodeFrame(CommandCodec.encode(RemotingCommand.response(0, null)
                .extFields(new HashMap<>()), UnpooledByteBufAllocator.DEFAULT));
        assertThat(none.extFields()).isNull();
        assertThat(none.remark()).isNull();
        assertThat(empty.extFields()).isEmpty();
    }

    @Test
    void readsLanguageAsNameOrNumberAndIgnoresUnknownKeys() {
        String json = "{\"unknown\":[1,{\"x\":null}],\"code\":12,\"language\":9,\"extFields\":{\"a\":\"1\",\"n\":5},"
                + "\"serializeTypeCurrentRPC\":\"JSON\"}";
        RemotingCommand command = JsonHeaderCodec.decode(json.getBytes(StandardCharsets.UTF_8), 0,
                json.getBytes(StandardCharsets.UTF_8).length);
        assertThat(command.code()).isEqualTo(12);
        assertThat(command.language()).isEqualTo(LanguageCode.GO);
        assertThat(command.extFields()).containsEntry("a", "1").containsEntry("n", "5");
        assertThat(command.version()).isZero();
    }

    @Test
    void refusesMalformedFramesWithAClearReason() {
        assertThatThrownBy(() -> CommandCodec.decode(Unpooled.wrappedBuffer(new byte[] {2, 0, 0, 0})))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("unknown serialize type 2");
        assertThatThrownBy(() -> CommandCodec.decode(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 9, '{'})))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("header length 9");
        byte[] notJson = "{\"code\":".getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = Unpooled.buffer().writeInt(notJson.length).writeBytes(notJson);
        assertThatThrownBy(() -> CommandCodec.decode(frame)).isInstanceOf(FrameFormatException.class);
        ByteBuf binary = Unpooled.buffer().writeInt((1 << 24) | 21)
                .writeShort(1).writeByte(0).writeShort(1).writeInt(1).writeInt(0).writeInt(1000).writeInt(0);
        assertThatThrownBy(() -> CommandCodec.decode(binary)).isInstanceOf(FrameFormatException.class)
                .hasMessageContaining("remark length 1000");
    }

    @Test
    void refusesCodesTheBinaryHeaderCannotCarry() {
        RemotingCommand pop = new RemotingCommand().code(200050).serializeType(SerializeType.ROCKETMQ);
        assertThatThrownBy(() -> CommandCodec.encode(pop, UnpooledByteBufAllocator.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200050");
    }
}
