package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessageRecordDecoderTest {
    private static MessageRecord record() {
        return MessageRecord.builder().topic("t").bornHost(new InetSocketAddress("127.0.0.1", 1))
                .storeHost(new InetSocketAddress("127.0.0.1", 2)).body(new byte[] {1, 2, 3, 4})
                .properties("TAGS\u0001x\u0002").build();
    }

    @Test
    void rejectsAFlippedBodyByte() {
        ByteBuffer bytes = EncodedRecord.encode(record());
        int bodyAt = MessageRecordLayout.bodyLengthOffset(0) + 4;
        bytes.put(bodyAt, (byte) 9);
        assertThatThrownBy(() -> MessageRecordDecoder.decode(bytes, 0, true, true))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("crc");
    }

    @Test
    void rejectsATruncatedRecord() {
        ByteBuffer bytes = EncodedRecord.encode(record());
        ByteBuffer shortBuf = bytes.slice(0, bytes.capacity() - 1);
        assertThatThrownBy(() -> MessageRecordDecoder.decode(shortBuf, 0, true, true))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("total size");
    }

    @Test
    void rejectsASizeThatDoesNotMatchTheFields() {
        ByteBuffer bytes = EncodedRecord.encode(record());
        ByteBuffer longer = ByteBuffer.allocate(bytes.capacity() + 10).put(bytes).flip();
        longer.limit(longer.capacity());
        longer.putInt(0, bytes.capacity() + 10);
        assertThatThrownBy(() -> MessageRecordDecoder.decode(longer, 0, true, true))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("does not match");
    }

    @Test
    void rejectsAnUnknownMagic() {
        ByteBuffer bytes = EncodedRecord.encode(record());
        bytes.putInt(MessageRecordLayout.MAGIC_OFFSET, MessageRecordLayout.BLANK_MAGIC_CODE);
        assertThatThrownBy(() -> MessageRecordDecoder.decode(bytes, 0, true, true))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("magic");
    }
}
