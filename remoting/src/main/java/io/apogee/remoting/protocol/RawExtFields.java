package io.apogee.remoting.protocol;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderCodec;
import io.apogee.remoting.protocol.header.HeaderException;
import java.nio.charset.Charset;
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
        Object[] raw = new Object[names.length];
        if (json) {
            scanJson(type, names, raw);
        } else {
            scanBinary(type, names, raw);
        }
        return HeaderCodec.decode(raw, type);
    }

    /** Later keys win, and a null value keeps the earlier one: as filling a map would. */
    private void scanJson(Class<? extends CommandHeader> type, String[] names, Object[] raw) {
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
                raw[field] = value(type, field, valueStart, valueEnd, StandardCharsets.ISO_8859_1);
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
    private void scanBinary(Class<? extends CommandHeader> type, String[] names, Object[] raw) {
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
                raw[field] = value(type, field, valueStart, valueStart + valueLength, StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * The value of field {@code index}: a whole-number field whose text is plain decimal digits (with a
     * minus sign at most) is parsed from the bytes, without a string; anything else is its text, which the
     * header decoder parses (and refuses) as it would from a map.
     */
    private Object value(Class<? extends CommandHeader> type, int index, int start, int end,
            Charset charset) {
        int p = start;
        boolean negative = p < end && bytes[p] == '-';
        if (negative) {
            p++;
        }
        if (end - p > 0 && end - p <= 18) {
            long value = 0;
            while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
                value = value * 10 + (bytes[p++] - '0');
            }
            if (p == end) {
                Object number = HeaderCodec.wholeNumber(type, index, negative ? -value : value);
                if (number != null) {
                    return number;
                }
            }
        }
        return new String(bytes, start, end - start, charset);
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
