package io.apogee.it.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.CommandCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.remoting.exception.RemotingCommandException;
import org.apache.rocketmq.remoting.protocol.LanguageCode;

/** Conversions between our commands, the official ones and frame bytes, for the interop tests. */
final class OfficialCommands {
    private OfficialCommands() {
    }

    /** Our whole frame, length field included. */
    static byte[] encodeOurs(RemotingCommand command) {
        ByteBuf frame = CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    /** Decodes a whole frame with our codec, stripping the length field as our frame decoder does. */
    static RemotingCommand decodeOurs(byte[] frame) {
        assertThat(ByteBuffer.wrap(frame).getInt()).as("frame length field").isEqualTo(frame.length - 4);
        ByteBuf buf = Unpooled.wrappedBuffer(frame, 4, frame.length - 4);
        RemotingCommand command = CommandCodec.decode(buf);
        assertThat(buf.readableBytes()).as("bytes left after our decode").isZero();
        return command;
    }

    /**
     * The official whole frame, length field included, as the official Netty encoder writes it: the
     * header by {@code fastEncodeHeader} (which takes the fast path of the high-volume typed headers),
     * then the body.
     */
    static byte[] encodeOfficial(org.apache.rocketmq.remoting.protocol.RemotingCommand command) {
        ByteBuf out = Unpooled.buffer();
        try {
            command.fastEncodeHeader(out);
            if (command.getBody() != null) {
                out.writeBytes(command.getBody());
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The official whole frame from {@code RemotingCommand.encode()}, the other official encoder. */
    static byte[] encodeOfficialToByteBuffer(org.apache.rocketmq.remoting.protocol.RemotingCommand command) {
        ByteBuffer encoded = command.encode();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /**
     * Decodes a whole frame with the official codec, which expects the frame without its length field
     * (the official pipeline strips it in its frame decoder).
     */
    static org.apache.rocketmq.remoting.protocol.RemotingCommand decodeOfficial(byte[] frame)
            throws RemotingCommandException {
        assertThat(ByteBuffer.wrap(frame).getInt()).as("frame length field").isEqualTo(frame.length - 4);
        return org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
    }

    /** An official command with the same fields as ours. */
    static org.apache.rocketmq.remoting.protocol.RemotingCommand toOfficial(RemotingCommand ours) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ours.code(), null);
        official.setCode(ours.code());
        official.setLanguage(LanguageCode.valueOf(ours.language().name()));
        official.setVersion(ours.version());
        official.setOpaque(ours.opaque());
        official.setFlag(ours.flag());
        official.setRemark(ours.remark());
        official.setExtFields(ours.extFields() == null ? null : new HashMap<>(ours.extFields()));
        official.setBody(ours.body());
        official.setSerializeTypeCurrentRPC(
                org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(ours.serializeType().name()));
        return official;
    }

    /**
     * Asserts that {@code actual} carries what {@code sent} meant, after the representation rules of
     * the encoding: a missing or empty body decodes as no body; null ext values are not written; in
     * the binary header an empty remark reads as null and an empty ext map as none.
     */
    static void assertSameCommand(RemotingCommand sent, SerializeType type, int code, String language, int version,
            int opaque, int flag, String remark, Map<String, String> extFields, byte[] body, String serializeType) {
        boolean binary = type == SerializeType.ROCKETMQ;
        assertThat(code).as("code").isEqualTo(sent.code());
        assertThat(language).as("language").isEqualTo(sent.language().name());
        assertThat(version).as("version").isEqualTo(sent.version());
        assertThat(opaque).as("opaque").isEqualTo(sent.opaque());
        assertThat(flag).as("flag").isEqualTo(sent.flag());
        String expectedRemark = binary && "".equals(sent.remark()) ? null : sent.remark();
        assertThat(remark).as("remark").isEqualTo(expectedRemark);
        assertThat(extFields).as("extFields").isEqualTo(expectedExtFields(sent.extFields(), binary));
        byte[] expectedBody = sent.body() == null || sent.body().length == 0 ? null : sent.body();
        if (expectedBody == null) {
            assertThat(body == null || body.length == 0).as("no body").isTrue();
        } else {
            assertThat(body).as("body").isNotNull();
            assertThat(body.length).as("body length").isEqualTo(expectedBody.length);
            assertThat(java.util.Arrays.equals(body, expectedBody)).as("body bytes equal").isTrue();
        }
        assertThat(serializeType).as("serialize type").isEqualTo(type.name());
    }

    /** Asserts equal frames; a failure shows where they part and the bytes around it, not megabytes. */
    static void assertSameBytes(byte[] ours, byte[] official) {
        int mismatch = java.util.Arrays.mismatch(ours, official);
        if (mismatch >= 0) {
            throw new AssertionError("frames differ at byte " + mismatch + " (ours " + ours.length + " bytes, official "
                    + official.length + "):\n ours:     " + window(ours, mismatch) + "\n official: "
                    + window(official, mismatch));
        }
    }

    private static String window(byte[] bytes, int at) {
        int from = Math.max(0, at - 24);
        int to = Math.min(bytes.length, at + 40);
        return java.util.HexFormat.of().formatHex(bytes, from, to) + "  |"
                + new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replaceAll("[^\\x20-\\x7e]", ".") + "|";
    }

    private static Map<String, String> expectedExtFields(Map<String, String> sent, boolean binary) {
        if (sent == null) {
            return null;
        }
        Map<String, String> expected = new HashMap<>();
        sent.forEach((key, value) -> {
            if (key != null && value != null) {
                expected.put(key, value);
            }
        });
        return binary && expected.isEmpty() ? null : expected;
    }
}
