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
     * The wire keys of {@code type}'s fields, in the order {@link #decode(String[], Class)} takes their
     * texts; null when a key is not ASCII (then decode from a map). Shared: do not modify.
     */
    public static String[] asciiFieldNames(Class<? extends CommandHeader> type) {
        return SCHEMAS.get(type).asciiNames();
    }

    /**
     * Builds a header of {@code type} from the wire texts of its fields, in the order of
     * {@link #asciiFieldNames}; a null text is an absent field. Same checks as {@link #decode(Map, Class)}.
     *
     * @throws HeaderException when a required field is missing or a value does not parse
     */
    public static <T extends CommandHeader> T decode(String[] texts, Class<T> type) throws HeaderException {
        return type.cast(SCHEMAS.get(type).decode(texts));
    }
}
