package io.apogee.remoting.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the JSON headers peers usually send, without a JSON library and without building the ext-field
 * map: the known keys of a header, whole numbers, and strings that are ASCII without escapes, the ext
 * fields kept as their bytes ({@link RawExtFields}). Anything else (escapes, non-ASCII text, unknown keys,
 * other number forms, malformed input) is not read here: {@link #read} then answers null and the general
 * decoder reads the header, so both give the same command for every input. Stateless and thread-safe.
 */
final class PlainJsonHeaderReader {
    private static final byte[] CODE = ascii("code");
    private static final byte[] EXT_FIELDS = ascii("extFields");
    private static final byte[] FLAG = ascii("flag");
    private static final byte[] LANGUAGE = ascii("language");
    private static final byte[] OPAQUE = ascii("opaque");
    private static final byte[] REMARK = ascii("remark");
    private static final byte[] SERIALIZE_TYPE = ascii("serializeTypeCurrentRPC");
    private static final byte[] VERSION = ascii("version");
    private static final byte[] NULL = ascii("null");
    private static final LanguageCode[] LANGUAGES = LanguageCode.values();
    private static final byte[][] LANGUAGE_NAMES = new byte[LANGUAGES.length][];

    static {
        for (int i = 0; i < LANGUAGES.length; i++) {
            LANGUAGE_NAMES[i] = ascii(LANGUAGES[i].name());
        }
    }

    /** Thrown inside the reader for input it leaves to the general decoder; never escapes. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private final byte[] in;
    private final int end;
    private int p;

    private PlainJsonHeaderReader(byte[] in, int offset, int length) {
        this.in = in;
        this.p = offset;
        this.end = offset + length;
    }

    /**
     * The command of a plain header, or null when the header is not plain. Does not keep {@code bytes}:
     * the ext fields are copied out.
     */
    static RemotingCommand read(byte[] bytes, int offset, int length) {
        try {
            return new PlainJsonHeaderReader(bytes, offset, length).header();
        } catch (NotPlain e) {
            return null;
        }
    }

    private RemotingCommand header() throws NotPlain {
        RemotingCommand command = new RemotingCommand().version(0);
        skipSpace();
        object(command);
        skipSpace();
        if (p != end) {
            throw NotPlain.INSTANCE;
        }
        return command;
    }

    /**
     * Reads a JSON object of plain-string names: the header's members into {@code command}, or, when it is
     * null, the ext-field object's values, which must be plain strings or null.
     */
    private void object(RemotingCommand command) throws NotPlain {
        expect('{');
        skipSpace();
        if (peek() == '}') {
            p++;
            return;
        }
        for (;;) {
            skipSpace();
            int nameStart = plainString();
            int nameEnd = p - 1;
            skipSpace();
            expect(':');
            skipSpace();
            if (command != null) {
                field(command, nameStart, nameEnd);
            } else if (!nextIsNull()) {
                plainString();
            }
            skipSpace();
            byte next = take();
            if (next == '}') {
                return;
            }
            if (next != ',') {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private void field(RemotingCommand command, int nameStart, int nameEnd) throws NotPlain {
        if (is(CODE, nameStart, nameEnd)) {
            command.code(wholeNumber());
        } else if (is(EXT_FIELDS, nameStart, nameEnd)) {
            if (nextIsNull()) {
                command.extFields(null);
            } else {
                command.rawExtFields(extFields());
            }
        } else if (is(FLAG, nameStart, nameEnd)) {
            command.flag(wholeNumber());
        } else if (is(LANGUAGE, nameStart, nameEnd)) {
            command.language(peek() == '"' ? language() : LanguageCode.ofCode(wholeNumber()));
        } else if (is(OPAQUE, nameStart, nameEnd)) {
            command.opaque(wholeNumber());
        } else if (is(REMARK, nameStart, nameEnd)) {
            if (nextIsNull()) {
                command.remark(null);
            } else {
                int start = plainString();
                command.remark(new String(in, start, p - 1 - start, StandardCharsets.ISO_8859_1));
            }
        } else if (is(VERSION, nameStart, nameEnd)) {
            command.version(wholeNumber());
        } else if (is(SERIALIZE_TYPE, nameStart, nameEnd)) {
            if (!nextIsNull()) {
                plainString();
            }
        } else {
            throw NotPlain.INSTANCE;
        }
    }

    private LanguageCode language() throws NotPlain {
        int start = plainString();
        for (int i = 0; i < LANGUAGES.length; i++) {
            if (is(LANGUAGE_NAMES[i], start, p - 1)) {
                return LANGUAGES[i];
            }
        }
        throw NotPlain.INSTANCE;
    }

    /** A copy of the ext-field object whose keys and values are plain strings (values may be null). */
    private RawExtFields extFields() throws NotPlain {
        int start = p;
        object(null);
        byte[] copy = Arrays.copyOfRange(in, start, p);
        return RawExtFields.json(copy, 0, copy.length);
    }

    /** Reads a string of printable ASCII without escapes; returns where its text starts (it ends at p - 1). */
    private int plainString() throws NotPlain {
        expect('"');
        int start = p;
        for (;;) {
            byte b = take();
            if (b == '"') {
                return start;
            }
            if (b == '\\' || b < 0x20) { // negative: not ASCII
                throw NotPlain.INSTANCE;
            }
        }
    }

    /** An int written as plain JSON digits: optional minus, no leading zero, in range. */
    private int wholeNumber() throws NotPlain {
        boolean negative = peek() == '-';
        if (negative) {
            p++;
        }
        int start = p;
        long value = 0;
        while (p < end && in[p] >= '0' && in[p] <= '9') {
            value = value * 10 + (in[p] - '0');
            p++;
            if (p - start > 10) {
                throw NotPlain.INSTANCE;
            }
        }
        int digits = p - start;
        if (digits == 0 || digits > 1 && in[start] == '0') {
            throw NotPlain.INSTANCE;
        }
        if (p < end && (in[p] == '.' || in[p] == 'e' || in[p] == 'E')) {
            throw NotPlain.INSTANCE;
        }
        value = negative ? -value : value;
        if (value != (int) value) {
            throw NotPlain.INSTANCE;
        }
        return (int) value;
    }

    private boolean nextIsNull() {
        if (is(NULL, p, Math.min(end, p + NULL.length))) {
            p += NULL.length;
            return true;
        }
        return false;
    }

    private boolean is(byte[] expected, int start, int stop) {
        return Arrays.equals(in, start, stop, expected, 0, expected.length);
    }

    private void skipSpace() {
        while (p < end && (in[p] == ' ' || in[p] == '\n' || in[p] == '\r' || in[p] == '\t')) {
            p++;
        }
    }

    private byte peek() throws NotPlain {
        if (p >= end) {
            throw NotPlain.INSTANCE;
        }
        return in[p];
    }

    private byte take() throws NotPlain {
        byte b = peek();
        p++;
        return b;
    }

    private void expect(char c) throws NotPlain {
        if (take() != c) {
            throw NotPlain.INSTANCE;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
