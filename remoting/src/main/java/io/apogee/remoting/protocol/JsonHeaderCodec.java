package io.apogee.remoting.protocol;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONFactory;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.remoting.protocol.header.HeaderValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON header (serialize type 0), written and read with fastjson2's streaming API so that no
 * intermediate object tree is built. Keys and null handling are those of the official peers: keys in
 * alphabetical order, {@code remark} and {@code extFields} only when not null, an empty
 * {@code extFields} map written as {@code {}}. Stateless and thread-safe.
 */
public final class JsonHeaderCodec {
    private static final String SERIALIZE_TYPE_NAME = SerializeType.JSON.name();
    /*
     * Shared by every call: a context holds only the (default) settings, which nothing here changes, and
     * creating one per header was a good part of what each command allocated.
     */
    private static final JSONWriter.Context WRITE_CONTEXT = JSONFactory.createWriteContext();
    private static final JSONReader.Context READ_CONTEXT = JSONFactory.createReadContext();

    private JsonHeaderCodec() {
    }

    /** The header of {@code command} as UTF-8 JSON. */
    public static byte[] encode(RemotingCommand command) {
        try (JSONWriter out = JSONWriter.ofUTF8(WRITE_CONTEXT)) {
            write(command, out);
            return out.getBytes();
        }
    }

    /**
     * A new buffer holding the frame's length field and header word, then the header of {@code command}
     * as UTF-8 JSON, with room for {@code bodyRoom} more bytes: the header goes from the writer's buffer
     * to the frame without an intermediate array. The caller owns the buffer.
     */
    static ByteBuf encodeFrameStart(RemotingCommand command, int bodyLength, int bodyRoom,
            ByteBufAllocator allocator) {
        try (JSONWriter out = JSONWriter.ofUTF8(WRITE_CONTEXT)) {
            write(command, out);
            int headerLength = out.size();
            ByteBuf frame = allocator.buffer(FrameLayout.PREAMBLE_SIZE + headerLength + bodyRoom);
            try {
                frame.writeInt(FrameLayout.frameLength(headerLength, bodyLength));
                frame.writeInt(FrameLayout.headerWord(SerializeType.JSON, headerLength));
                out.flushTo(new ByteBufOutputStream(frame));
            } catch (IOException e) {
                frame.release();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                frame.release();
                throw e;
            }
            return frame;
        }
    }

    private static void write(RemotingCommand command, JSONWriter out) {
        out.startObject();
        out.writeName("code");
        out.writeColon();
        out.writeInt32(command.code());
        HeaderValues pending = command.pendingHeader();
        if (pending != null) {
            // Straight from the typed header, in the order its map would iterate: the same bytes.
            out.writeName("extFields");
            out.writeColon();
            out.startObject();
            for (int index : pending.wireOrder()) {
                out.writeName(pending.name(index));
                out.writeColon();
                if (pending.isWholeNumber(index)) {
                    // The text of a number is its digits, which need no escaping: no String is made.
                    out.writeRaw('"');
                    out.writeInt64(pending.wholeNumber(index));
                    out.writeRaw('"');
                } else {
                    out.writeString(pending.text(index));
                }
            }
            out.endObject();
        }
        Map<String, String> extFields = pending != null ? null : command.extFields();
        if (extFields != null) {
            out.writeName("extFields");
            out.writeColon();
            out.startObject();
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                if (field.getKey() != null && field.getValue() != null) {
                    out.writeName(field.getKey());
                    out.writeColon();
                    out.writeString(field.getValue());
                }
            }
            out.endObject();
        }
        out.writeName("flag");
        out.writeColon();
        out.writeInt32(command.flag());
        out.writeName("language");
        out.writeColon();
        out.writeString(command.language().name());
        out.writeName("opaque");
        out.writeColon();
        out.writeInt32(command.opaque());
        if (command.remark() != null) {
            out.writeName("remark");
            out.writeColon();
            out.writeString(command.remark());
        }
        out.writeName("serializeTypeCurrentRPC");
        out.writeColon();
        out.writeString(SERIALIZE_TYPE_NAME);
        out.writeName("version");
        out.writeColon();
        out.writeInt32(command.version());
        out.endObject();
    }

    /**
     * Reads a JSON header. Unknown keys are skipped; missing numbers are 0; the language may be a name
     * or a number. The usual plain header is read without a JSON library and its ext fields are kept as
     * bytes until asked for ({@link PlainJsonHeaderReader}); the command does not keep {@code bytes}.
     *
     * @throws FrameFormatException when the bytes are not a JSON object of the expected shape
     */
    public static RemotingCommand decode(byte[] bytes, int offset, int length) {
        RemotingCommand command = PlainJsonHeaderReader.read(bytes, offset, length);
        return command != null ? command : decodeGeneral(bytes, offset, length);
    }

    /** Reads any JSON header with fastjson2, the ext fields into a map at once. */
    static RemotingCommand decodeGeneral(byte[] bytes, int offset, int length) {
        RemotingCommand command = new RemotingCommand().version(0);
        try (JSONReader in = JSONReader.of(bytes, offset, length, READ_CONTEXT)) {
            if (!in.nextIfObjectStart()) {
                throw new FrameFormatException("JSON header is not an object");
            }
            while (!in.nextIfObjectEnd()) {
                String name = in.readFieldName();
                if (name == null) {
                    throw new FrameFormatException("JSON header has a malformed key");
                }
                readField(in, name, command);
            }
            if (!in.isEnd()) {
                throw new FrameFormatException("JSON header has trailing bytes");
            }
        } catch (JSONException | NumberFormatException | ArithmeticException e) {
            throw new FrameFormatException("JSON header does not parse: " + e.getMessage(), e);
        }
        return command;
    }

    private static void readField(JSONReader in, String name, RemotingCommand command) {
        switch (name) {
            case "code":
                command.code(in.readInt32Value());
                break;
            case "extFields":
                command.extFields(readExtFields(in));
                break;
            case "flag":
                command.flag(in.readInt32Value());
                break;
            case "language":
                command.language(in.isString() ? LanguageCode.ofName(in.readString())
                        : LanguageCode.ofCode(in.readInt32Value()));
                break;
            case "opaque":
                command.opaque(in.readInt32Value());
                break;
            case "remark":
                command.remark(in.readString());
                break;
            case "version":
                command.version(in.readInt32Value());
                break;
            default:
                // serializeTypeCurrentRPC is informational, and other keys belong to other peers.
                in.skipValue();
        }
    }

    /** Reads the ext-field object at {@code [offset, offset + length)} of {@code bytes} into a map. */
    static Map<String, String> readExtFields(byte[] bytes, int offset, int length) {
        try (JSONReader in = JSONReader.of(bytes, offset, length, READ_CONTEXT)) {
            return readExtFields(in);
        } catch (JSONException | NumberFormatException | ArithmeticException e) {
            throw new FrameFormatException("JSON header does not parse: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readExtFields(JSONReader in) {
        if (in.nextIfNull()) {
            return null;
        }
        if (!in.nextIfObjectStart()) {
            throw new FrameFormatException("extFields is not an object");
        }
        Map<String, String> fields = new HashMap<>();
        while (!in.nextIfObjectEnd()) {
            // Keys are read as strings, not with readFieldName(): fastjson2 (2.0.60) fails on a field
            // name that holds both an escape and a supplementary character, which the official encoder
            // writes for such keys (e.g. "\u007F" next to an emoji).
            String key = in.isString() ? in.readString() : null;
            if (key == null || !in.nextIfMatch(':')) {
                throw new FrameFormatException("extFields has a malformed key");
            }
            if (in.isObject() || in.isArray()) {
                throw new FrameFormatException("extFields value of <" + key + "> is not a scalar");
            }
            String value = in.readString();
            if (value != null) {
                fields.put(key, value);
            }
        }
        return fields;
    }
}
