package io.apogee.remoting.protocol;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderCodec;
import io.apogee.remoting.protocol.header.HeaderException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ext fields of a decoded command, kept as the bytes they arrived in: a typed header is read
 * straight from them ({@link #readHeader}), picking out only its own keys, and the map of every field
 * is built only when someone asks for it ({@link #toMap}, the same decoding as an eager decode). Made
 * only from bytes already checked: a JSON object whose keys and values are ASCII strings without
 * escapes (values may be {@code null}), or binary entries whose lengths fit. Immutable.
 */
final class RawExtFields {
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final boolean json;

    private RawExtFields(byte[] bytes, int from, int to, boolean json) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.json = json;
    }

    /** A plain JSON object, braces included, at {@code [from, to)} of {@code bytes}. */
    static RawExtFields json(byte[] bytes, int from, int to) {
        return new RawExtFields(bytes, from, to, true);
    }

    /** Binary ext entries at {@code [from, to)} of {@code bytes}, their lengths checked. */
    static RawExtFields binary(byte[] bytes, int from, int to) {
        return new RawExtFields(bytes, from, to, false);
    }

    /** Every field, as the eager decode would have made it. */
    Map<String, String> toMap() {
        return json ? JsonHeaderCodec.readExtFields(bytes, from, to - from)
                : BinaryHeaderCodec.readExtFields(bytes, from, to);
    }

    /** The fields as a header of {@code type}: the same result and errors as decoding {@link #toMap()}. */
    <T extends CommandHeader> T readHeader(Class<T> type) throws HeaderException {
        String[] names = HeaderCodec.asciiFieldNames(type);
        if (names == null) {
            return HeaderCodec.decode(toMap(), type);
        }
        String[] texts = new String[names.length];
        if (json) {
            scanJson(names, texts);
        } else {
            scanBinary(names, texts);
        }
        return HeaderCodec.decode(texts, type);
    }

    /** Later keys win, and a null value keeps the earlier one: as filling a map would. */
    private void scanJson(String[] names, String[] texts) {
        int p = from + 1;
        for (;;) {
            byte b = bytes[p];
            if (b == '}') {
                return;
            }
            if (b != '"') {
                p++; // whitespace or a comma
                continue;
            }
            int keyStart = p + 1;
            int keyEnd = closingQuote(keyStart);
            p = keyEnd + 1;
            while (bytes[p] != ':') {
                p++;
            }
            p++;
            while (bytes[p] != '"' && bytes[p] != 'n') {
                p++;
            }
            if (bytes[p] == 'n') {
                p += 4;
                continue;
            }
            int valueStart = p + 1;
            int valueEnd = closingQuote(valueStart);
            p = valueEnd + 1;
            int field = indexOf(names, keyStart, keyEnd);
            if (field >= 0) {
                texts[field] = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private int closingQuote(int start) {
        int p = start;
        while (bytes[p] != '"') {
            p++;
        }
        return p;
    }

    /** Zero-length keys and values stand for null and are skipped, as in the map. */
    private void scanBinary(String[] names, String[] texts) {
        int p = from;
        while (p < to) {
            int keyLength = ((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF);
            int keyStart = p + 2;
            p = keyStart + keyLength;
            int valueLength = ((bytes[p] & 0xFF) << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8)
                    | (bytes[p + 3] & 0xFF);
            int valueStart = p + 4;
            p = valueStart + valueLength;
            if (keyLength == 0 || valueLength == 0) {
                continue;
            }
            int field = indexOf(names, keyStart, keyStart + keyLength);
            if (field >= 0) {
                texts[field] = new String(bytes, valueStart, valueLength, StandardCharsets.UTF_8);
            }
        }
    }

    /** The index of the ASCII name equal to the bytes at {@code [start, end)}, or -1. */
    private int indexOf(String[] names, int start, int end) {
        int length = end - start;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name.length() == length && sameAscii(name, start)) {
                return i;
            }
        }
        return -1;
    }

    private boolean sameAscii(String name, int start) {
        for (int k = 0; k < name.length(); k++) {
            if (bytes[start + k] != (byte) name.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
