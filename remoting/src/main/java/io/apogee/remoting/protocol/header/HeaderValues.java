package io.apogee.remoting.protocol.header;

import java.util.HashMap;
import java.util.Map;

/**
 * The field values of one header, taken when a command is built from it, so that the command can be
 * written to the wire straight from them without first building an ext-field map of strings.
 *
 * <p>The values are read once (a later change to the header object does not show, as with the map
 * they replace). {@link #wireOrder()} gives the order in which a {@link HashMap} filled by
 * {@link #toMap()} would iterate, so that encoders writing from these values produce exactly the bytes
 * they produce from that map. Immutable once built; safe to read from any thread after publication.
 */
public final class HeaderValues {
    private final HeaderSchema schema;
    private final Object[] values;
    private final long presentMask;

    private HeaderValues(HeaderSchema schema, Object[] values, long presentMask) {
        this.schema = schema;
        this.values = values;
        this.presentMask = presentMask;
    }

    /** The current non-null field values of {@code header}. */
    public static HeaderValues of(CommandHeader header) {
        HeaderSchema schema = HeaderCodec.schemaOf(header.getClass());
        Object[] values = schema.readValues(header);
        long mask = 0;
        for (int i = 0; i < values.length && i < Long.SIZE; i++) {
            if (values[i] != null) {
                mask |= 1L << i;
            }
        }
        return new HeaderValues(schema, values, mask);
    }

    /** The fields as the ext-field map they stand for: non-null fields only, as wire text. */
    public Map<String, String> toMap() {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.put(schema.name(i), schema.text(i, values[i]));
            }
        }
        return out;
    }

    /** Indexes of the non-null fields, in the iteration order of {@link #toMap()}'s map. Do not modify. */
    public int[] wireOrder() {
        return schema.wireOrder(presentMask, values);
    }

    /** The wire key of field {@code index}. */
    public String name(int index) {
        return schema.name(index);
    }

    /** The wire text of field {@code index}, or null when it is absent. */
    public String text(int index) {
        Object value = values[index];
        return value == null ? null : schema.text(index, value);
    }

    /**
     * Whether field {@code index} is present and a whole number: its text is then the decimal digits of
     * {@link #wholeNumber(int)}, which an encoder may write without making the text.
     */
    public boolean isWholeNumber(int index) {
        return values[index] != null && schema.wholeNumber(index);
    }

    /** The value of a field for which {@link #isWholeNumber(int)} holds. */
    public long wholeNumber(int index) {
        return ((Number) values[index]).longValue();
    }

    /** An upper bound of the UTF-16 length of {@link #text(int)}, without converting the value. */
    public int maxTextLength(int index) {
        Object value = values[index];
        return value instanceof String s ? s.length() : value == null ? 0 : schema.maxTextLength(index, value);
    }
}
