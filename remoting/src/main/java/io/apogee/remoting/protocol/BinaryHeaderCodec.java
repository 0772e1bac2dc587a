package io.apogee.remoting.protocol;

import io.apogee.remoting.protocol.header.HeaderValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private BinaryHeaderCodec() {
    }

    /** The encoded length of {@code command}'s header. Scans every string once. */
    public static int encodedLength(RemotingCommand command) {
        HeaderValues pending = command.pendingHeader();
        return FIXED_LENGTH + utf8Length(command.remark())
                + (pending != null ? extFieldsLength(pending) : extFieldsLength(command.extFields()));
    }

    /**
     * An upper bound of the encoded length of {@code command}'s header, computed from string lengths alone
     * (three bytes a char at most), without scanning any string. A long, so that huge strings cannot
     * overflow it.
     */
    public static long maxEncodedLength(RemotingCommand command) {
        long length = FIXED_LENGTH;
        String remark = command.remark();
        if (remark != null) {
            length += (long) ByteBufUtil.utf8MaxBytes(remark.length());
        }
        HeaderValues pending = command.pendingHeader();
        if (pending != null) {
            for (int index : pending.wireOrder()) {
                length += 2 + (long) ByteBufUtil.utf8MaxBytes(pending.name(index).length())
                        + 4 + (long) ByteBufUtil.utf8MaxBytes(pending.maxTextLength(index));
            }
            return length;
        }
        Map<String, String> extFields = command.extFields();
        if (extFields != null) {
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                String key = field.getKey();
                String value = field.getValue();
                if (key != null && value != null) {
                    length += 2 + (long) ByteBufUtil.utf8MaxBytes(key.length())
                            + 4 + (long) ByteBufUtil.utf8MaxBytes(value.length());
                }
            }
        }
        return length;
    }

    /**
     * Writes the header of {@code command} at the writer index of {@code out}. Every string is converted
     * once, straight into {@code out}, and its length prefix filled in afterwards; {@code out} grows if it
     * must, so sizing it with {@link #maxEncodedLength} (or {@link #encodedLength}) only avoids copies.
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
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            out.setInt(lengthAt, ByteBufUtil.writeUtf8(out, remark));
        }
        int extLengthAt = out.writerIndex();
        out.writeInt(0);
        HeaderValues pending = command.pendingHeader();
        if (pending != null) {
            // Straight from the typed header, in the order its map would iterate: the same bytes.
            for (int index : pending.wireOrder()) {
                if (pending.isWholeNumber(index)) {
                    writeKey(out, pending.name(index));
                    int valueLengthAt = out.writerIndex();
                    out.writeInt(0);
                    out.setInt(valueLengthAt, writeDigits(out, pending.wholeNumber(index)));
                } else {
                    writeEntry(out, pending.name(index), pending.text(index));
                }
            }
        } else {
            Map<String, String> extFields = command.extFields();
            if (extFields != null) {
                for (Map.Entry<String, String> field : extFields.entrySet()) {
                    String key = field.getKey();
                    String value = field.getValue();
                    if (key != null && value != null) {
                        writeEntry(out, key, value);
                    }
                }
            }
        }
        out.setInt(extLengthAt, out.writerIndex() - extLengthAt - 4);
    }

    /** Writes the decimal text of {@code value} as ASCII, without making a String; returns its length. */
    private static int writeDigits(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            return ByteBufUtil.writeAscii(out, Long.toString(value));
        }
        int start = out.writerIndex();
        long rest = value;
        if (rest < 0) {
            out.writeByte('-');
            rest = -rest;
        }
        int digits = 1;
        for (long v = rest; v >= 10; v /= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.writeZero(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + rest % 10));
            rest /= 10;
        }
        return out.writerIndex() - start;
    }

    private static void writeKey(ByteBuf out, String key) {
        int keyLengthAt = out.writerIndex();
        out.writeShort(0);
        out.setShort(keyLengthAt, ByteBufUtil.writeUtf8(out, key));
    }

    private static void writeEntry(ByteBuf out, String key, String value) {
        writeKey(out, key);
        int valueLengthAt = out.writerIndex();
        out.writeInt(0);
        out.setInt(valueLengthAt, ByteBufUtil.writeUtf8(out, value));
    }

    /**
     * Reads a header of {@code length} bytes at the reader index of {@code in}, advancing it by
     * {@code length}. The header is copied out once and parsed from the copy.
     *
     * @throws FrameFormatException when a length inside the header points past its end
     */
    public static RemotingCommand decode(ByteBuf in, int length) {
        if (length < FIXED_LENGTH) {
            throw new FrameFormatException("binary header too short: " + length + " bytes");
        }
        byte[] header = new byte[length];
        in.readBytes(header);
        RemotingCommand command = new RemotingCommand()
                .code((short) SHORT_BE.get(header, 0))
                .language(LanguageCode.ofCode(header[2] & 0xFF))
                .version((short) SHORT_BE.get(header, 3))
                .opaque((int) INT_BE.get(header, 5))
                .flag((int) INT_BE.get(header, 9));
        int position = 13;
        int remarkLength = (int) INT_BE.get(header, position);
        position += 4;
        checkLength("remark", remarkLength, length - position - 4);
        if (remarkLength > 0) {
            command.remark(new String(header, position, remarkLength, StandardCharsets.UTF_8));
            position += remarkLength;
        }
        int extLength = (int) INT_BE.get(header, position);
        position += 4;
        checkLength("ext fields", extLength, length - position);
        if (extLength > 0) {
            // Checked now, decoded when asked for: a typed header reads only its own fields.
            checkExtFields(header, position, position + extLength);
            command.rawExtFields(RawExtFields.binary(header, position, position + extLength));
            position += extLength;
        }
        if (position != length) {
            throw new FrameFormatException("binary header has " + (length - position) + " trailing bytes");
        }
        return command;
    }

    /** The same checks as {@link #readExtFields}, without decoding anything. */
    private static void checkExtFields(byte[] header, int position, int end) {
        while (position < end) {
            checkLength("ext key length", 2, end - position);
            int keyLength = (short) SHORT_BE.get(header, position) & 0xFFFF;
            position += 2;
            checkLength("ext key", keyLength + 4, end - position);
            position += keyLength;
            int valueLength = (int) INT_BE.get(header, position);
            position += 4;
            checkLength("ext value", valueLength, end - position);
            position += valueLength;
        }
    }

    static Map<String, String> readExtFields(byte[] header, int position, int end) {
        Map<String, String> fields = new HashMap<>();
        while (position < end) {
            checkLength("ext key length", 2, end - position);
            int keyLength = (short) SHORT_BE.get(header, position) & 0xFFFF;
            position += 2;
            checkLength("ext key", keyLength + 4, end - position);
            String key = keyLength == 0 ? null : new String(header, position, keyLength, StandardCharsets.UTF_8);
            position += keyLength;
            int valueLength = (int) INT_BE.get(header, position);
            position += 4;
            checkLength("ext value", valueLength, end - position);
            String value = valueLength == 0 ? null
                    : new String(header, position, valueLength, StandardCharsets.UTF_8);
            position += valueLength;
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

    private static int extFieldsLength(HeaderValues pending) {
        int length = 0;
        for (int index : pending.wireOrder()) {
            length += 2 + ByteBufUtil.utf8Bytes(pending.name(index)) + 4 + ByteBufUtil.utf8Bytes(pending.text(index));
        }
        return length;
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
