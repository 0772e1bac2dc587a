package io.apogee.remoting.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary header (serialize type 1, "ROCKETMQ"). Stateless and thread-safe.
 *
 * <pre>
 * offset size  field
 * 0      2     code       int16
 * 2      1     language   uint8
 * 3      2     version    int16
 * 5      4     opaque     int32
 * 9      4     flag       int32
 * 13     4     remarkLen  int32, 0 = no remark
 * 17     R     remark     UTF-8
 * 17+R   4     extLen     int32, bytes of the entries that follow, 0 = no ext fields
 * 21+R   ...   entries    keyLen int16 + key UTF-8, valLen int32 + value UTF-8, until extLen is used
 * </pre>
 *
 * Zero-length keys and values stand for null and are skipped, so an empty string cannot be carried.
 */
public final class BinaryHeaderCodec {
    /** Bytes of the fixed part: everything but the remark and ext entries. */
    public static final int FIXED_LENGTH = 21;

    private BinaryHeaderCodec() {
    }

    /** The encoded length of {@code command}'s header. */
    public static int encodedLength(RemotingCommand command) {
        return FIXED_LENGTH + utf8Length(command.remark()) + extFieldsLength(command.extFields());
    }

    /**
     * Writes the header of {@code command} at the writer index of {@code out}.
     *
     * @throws IllegalArgumentException when the code or version does not fit the 16-bit fields
     */
    public static void encode(RemotingCommand command, ByteBuf out) {
        if (command.code() != (short) command.code() || command.version() != (short) command.version()) {
            throw new IllegalArgumentException("code " + command.code() + " or version " + command.version()
                    + " does not fit the 16-bit fields of the ROCKETMQ header; use JSON");
        }
        out.writeShort(command.code());
        out.writeByte(command.language().code());
        out.writeShort(command.version());
        out.writeInt(command.opaque());
        out.writeInt(command.flag());
        String remark = command.remark();
        if (remark == null || remark.isEmpty()) {
            out.writeInt(0);
        } else {
            out.writeInt(ByteBufUtil.utf8Bytes(remark));
            ByteBufUtil.writeUtf8(out, remark);
        }
        Map<String, String> extFields = command.extFields();
        int extLength = extFieldsLength(extFields);
        out.writeInt(extLength);
        if (extLength > 0) {
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                String key = field.getKey();
                String value = field.getValue();
                if (key == null || value == null) {
                    continue;
                }
                out.writeShort(ByteBufUtil.utf8Bytes(key));
                ByteBufUtil.writeUtf8(out, key);
                out.writeInt(ByteBufUtil.utf8Bytes(value));
                ByteBufUtil.writeUtf8(out, value);
            }
        }
    }

    /**
     * Reads a header of {@code length} bytes at the reader index of {@code in}, advancing it by
     * {@code length}.
     *
     * @throws FrameFormatException when a length inside the header points past its end
     */
    public static RemotingCommand decode(ByteBuf in, int length) {
        if (length < FIXED_LENGTH) {
            throw new FrameFormatException("binary header too short: " + length + " bytes");
        }
        int end = in.readerIndex() + length;
        RemotingCommand command = new RemotingCommand()
                .code(in.readShort())
                .language(LanguageCode.ofCode(in.readUnsignedByte()))
                .version(in.readShort())
                .opaque(in.readInt())
                .flag(in.readInt());
        int remarkLength = in.readInt();
        checkLength("remark", remarkLength, end - in.readerIndex() - 4);
        if (remarkLength > 0) {
            command.remark(in.readCharSequence(remarkLength, StandardCharsets.UTF_8).toString());
        }
        int extLength = in.readInt();
        checkLength("ext fields", extLength, end - in.readerIndex());
        if (extLength > 0) {
            command.extFields(readExtFields(in, in.readerIndex() + extLength));
        }
        if (in.readerIndex() != end) {
            throw new FrameFormatException("binary header has " + (end - in.readerIndex()) + " trailing bytes");
        }
        return command;
    }

    private static Map<String, String> readExtFields(ByteBuf in, int end) {
        Map<String, String> fields = new HashMap<>();
        while (in.readerIndex() < end) {
            checkLength("ext key length", 2, end - in.readerIndex());
            int keyLength = in.readUnsignedShort();
            checkLength("ext key", keyLength + 4, end - in.readerIndex());
            String key = keyLength == 0 ? null : in.readCharSequence(keyLength, StandardCharsets.UTF_8).toString();
            int valueLength = in.readInt();
            checkLength("ext value", valueLength, end - in.readerIndex());
            String value = valueLength == 0 ? null
                    : in.readCharSequence(valueLength, StandardCharsets.UTF_8).toString();
            if (key != null && value != null) {
                fields.put(key, value);
            }
        }
        return fields;
    }

    private static void checkLength(String what, int length, int available) {
        if (length < 0 || length > available) {
            throw new FrameFormatException("binary header " + what + " length " + length
                    + " exceeds the " + available + " bytes left");
        }
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : ByteBufUtil.utf8Bytes(text);
    }

    private static int extFieldsLength(Map<String, String> extFields) {
        if (extFields == null) {
            return 0;
        }
        int length = 0;
        for (Map.Entry<String, String> field : extFields.entrySet()) {
            if (field.getKey() != null && field.getValue() != null) {
                length += 2 + ByteBufUtil.utf8Bytes(field.getKey()) + 4 + ByteBufUtil.utf8Bytes(field.getValue());
            }
        }
        return length;
    }
}
