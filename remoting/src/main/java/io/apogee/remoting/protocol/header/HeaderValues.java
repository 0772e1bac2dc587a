package io.apogee.remoting.protocol.header;

import java.util.HashMap;
import java.util.Map;

/**
 * The field values of one header, for a command built from it, so that the command can be written to
 * the wire straight from them without first building an ext-field map of strings.
 *
 * <p>A record whose fields read without allocating (references and booleans) is read from the record
 * itself whenever needed: it cannot change, so this is the same as a copy, without the copy. Other
 * headers are read once, into a copy (a later change to the header object does not show, as with the
 * map they replace).
 * {@link #wireOrder()} gives the order in which a {@link HashMap} filled by {@link #toMap()} would
 * iterate, so that encoders writing from these values produce exactly the bytes they produce from that
 * map. Safe to read from any thread after publication.
 */
public final class HeaderValues {
    private final HeaderSchema schema;
    /** The header read on demand, or null when {@link #values} holds a copy. */
    private final Object header;
    private final Object[] values;
    private final long presentMask;

    private HeaderValues(HeaderSchema schema, Object header, Object[] values, long presentMask) {
        this.schema = schema;
        this.header = header;
        this.values = values;
        this.presentMask = presentMask;
    }

    /** The non-null field values of {@code header}. */
    public static HeaderValues of(CommandHeader header) {
        HeaderSchema schema = HeaderCodec.schemaOf(header.getClass());
        if (schema.readsWithoutBoxing()) {
            long mask = 0;
            for (int i = 0; i < schema.size(); i++) {
                if (schema.get(i, header) != null) {
                    mask |= 1L << i;
                }
            }
            return new HeaderValues(schema, header, null, mask);
        }
        Object[] values = schema.readValues(header);
        long mask = 0;
        for (int i = 0; i < values.length && i < Long.SIZE; i++) {
            if (values[i] != null) {
                mask |= 1L << i;
            }
        }
        return new HeaderValues(schema, null, values, mask);
    }

    private Object value(int index) {
        return header != null ? schema.get(index, header) : values[index];
    }

    boolean isPresent(int index) {
        return value(index) != null;
    }

    /** The fields as the ext-field map they stand for: non-null fields only, as wire text. */
    public Map<String, String> toMap() {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            Object value = value(i);
            if (value != null) {
                out.put(schema.name(i), schema.text(i, value));
            }
        }
        return out;
    }

    /** Indexes of the non-null fields, in the iteration order of {@link #toMap()}'s map. Do not modify. */
    public int[] wireOrder() {
        return schema.wireOrder(presentMask, this);
    }

    /** The wire key of field {@code index}. */
    public String name(int index) {
        return schema.name(index);
    }

    /** The wire text of field {@code index}, or null when it is absent. */
    public String text(int index) {
        Object value = value(index);
        return value == null ? null : schema.text(index, value);
    }

    /**
     * Whether field {@code index} is present and a whole number: its text is then the decimal digits of
     * {@link #wholeNumber(int)}, which an encoder may write without making the text.
     */
    public boolean isWholeNumber(int index) {
        return schema.wholeNumber(index) && value(index) != null;
    }

    /** The value of a field for which {@link #isWholeNumber(int)} holds. */
    public long wholeNumber(int index) {
        return ((Number) value(index)).longValue();
    }

    /** An upper bound of the UTF-16 length of {@link #text(int)}, without converting the value. */
    public int maxTextLength(int index) {
        Object value = value(index);
        return value instanceof String s ? s.length() : value == null ? 0 : schema.maxTextLength(index, value);
    }
}
