package io.apogee.remoting.protocol.header;

import java.util.Map;

/**
 * Maps header records to ext fields and back. The reflective work is done once per header type.
 * Thread-safe.
 */
public final class HeaderCodec {
    private static final ClassValue<HeaderSchema> SCHEMAS = new ClassValue<>() {
        @Override
        protected HeaderSchema computeValue(Class<?> type) {
            return HeaderSchema.of(type);
        }
    };

    private HeaderCodec() {
    }

    static HeaderSchema schemaOf(Class<?> type) {
        return SCHEMAS.get(type);
    }

    /** Puts every non-null field of {@code header} into {@code out} as wire text. */
    public static void encode(CommandHeader header, Map<String, String> out) {
        SCHEMAS.get(header.getClass()).encode(header, out);
    }

    /**
     * Builds a header of {@code type} from the ext fields, ignoring keys it does not know.
     *
     * @param fields the ext fields; null is read as empty
     * @throws HeaderException when a required field is missing or a value does not parse
     */
    public static <T extends CommandHeader> T decode(Map<String, String> fields, Class<T> type)
            throws HeaderException {
        return type.cast(SCHEMAS.get(type).decode(fields));
    }

    /**
     * The wire keys of {@code type}'s fields, in the order {@link #decode(Object[], Class)} takes their
     * values; null when a key is not ASCII (then decode from a map). Shared: do not modify.
     */
    public static String[] asciiFieldNames(Class<? extends CommandHeader> type) {
        return SCHEMAS.get(type).asciiNames();
    }

    /**
     * {@code value} boxed as field {@code index} of {@code type} holds it (Integer, Long, Short or Byte), when
     * that field is a whole number and the value fits it; else null. The same value parsing the field's
     * decimal text gives, without the text.
     */
    public static Object wholeNumber(Class<? extends CommandHeader> type, int index, long value) {
        return SCHEMAS.get(type).wholeNumber(index, value);
    }

    /**
     * Builds a header of {@code type} from its fields' raw values in the order of {@link #asciiFieldNames}:
     * null for an absent field, its wire text, or a {@link #wholeNumber}. Same checks and errors as
     * {@link #decode(Map, Class)}. Overwrites {@code raw}.
     *
     * @throws HeaderException when a required field is missing or a value does not parse
     */
    public static <T extends CommandHeader> T decode(Object[] raw, Class<T> type) throws HeaderException {
        return type.cast(SCHEMAS.get(type).decode(raw));
    }
}
