package io.apogee.remoting.protocol.header;

import java.lang.reflect.Field;

/**
 * One field of a header type and how its value turns into the wire text and back: decimal numbers,
 * {@code true}/{@code false}, enum names and plain strings. Immutable and thread-safe.
 */
final class HeaderField {
    private enum Kind { STRING, INT, LONG, SHORT, BYTE, BOOLEAN, DOUBLE, FLOAT, ENUM }

    private final Field field;
    private final String name;
    private final Kind kind;
    private final boolean required;

    private HeaderField(Field field, Kind kind) {
        this.field = field;
        this.name = field.getName();
        this.kind = kind;
        this.required = field.isAnnotationPresent(Required.class);
    }

    static HeaderField of(Field field) {
        field.setAccessible(true);
        return new HeaderField(field, kindOf(field));
    }

    private static Kind kindOf(Field field) {
        Class<?> t = field.getType();
        if (t == String.class) {
            return Kind.STRING;
        } else if (t == int.class || t == Integer.class) {
            return Kind.INT;
        } else if (t == long.class || t == Long.class) {
            return Kind.LONG;
        } else if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (t == short.class || t == Short.class) {
            return Kind.SHORT;
        } else if (t == byte.class || t == Byte.class) {
            return Kind.BYTE;
        } else if (t == double.class || t == Double.class) {
            return Kind.DOUBLE;
        } else if (t == float.class || t == Float.class) {
            return Kind.FLOAT;
        } else if (t.isEnum()) {
            return Kind.ENUM;
        }
        throw new IllegalArgumentException("header field " + field.getDeclaringClass().getName() + "."
                + field.getName() + " has a type the wire cannot carry: " + t.getName());
    }

    String name() {
        return name;
    }

    Class<?> type() {
        return field.getType();
    }

    boolean required() {
        return required;
    }

    String read(Object header) {
        Object value = get(header);
        return value == null ? null : text(value);
    }

    /** The field's raw value in {@code header}, or null. */
    Object get(Object header) {
        try {
            return field.get(header);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wire text of a non-null raw value of this field. */
    String text(Object value) {
        return kind == Kind.ENUM ? ((Enum<?>) value).name() : value.toString();
    }

    /** Whether the field's values are whole numbers, whose text is their decimal digits. */
    boolean wholeNumber() {
        return kind == Kind.INT || kind == Kind.LONG || kind == Kind.SHORT || kind == Kind.BYTE;
    }

    /** {@code value} boxed as this field holds it, when the field is a whole number it fits; else null. */
    Object wholeNumber(long value) {
        switch (kind) {
            case LONG:
                return value;
            case INT:
                return value == (int) value ? Integer.valueOf((int) value) : null;
            case SHORT:
                return value == (short) value ? Short.valueOf((short) value) : null;
            case BYTE:
                return value == (byte) value ? Byte.valueOf((byte) value) : null;
            default:
                return null;
        }
    }

    /** An upper bound of the length of {@link #text} for a non-null raw value, without converting it. */
    int maxTextLength(Object value) {
        switch (kind) {
            case STRING:
                return ((String) value).length();
            case ENUM:
                return ((Enum<?>) value).name().length();
            case BOOLEAN:
                return 5;
            case INT:
            case LONG:
            case SHORT:
            case BYTE:
                return 20;
            default:
                // Doubles and floats: "-1.2345678901234567E-308" and the like stay under 32 characters.
                return 32;
        }
    }

    void write(Object header, String text) throws HeaderException {
        set(header, parse(text));
    }

    /** Sets the field to an already parsed value. */
    void set(Object header, Object value) {
        try {
            field.set(header, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The field's value for {@code text}; for absent text, null or the primitive type's zero.
     *
     * @throws HeaderException when the text does not parse as the field's type
     */
    Object parse(String text) throws HeaderException {
        if (text == null) {
            return primitiveZero();
        }
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new HeaderException("the custom field <" + name + "> has a malformed value: " + text);
        }
    }

    private Object primitiveZero() {
        Class<?> t = field.getType();
        if (!t.isPrimitive()) {
            return null;
        }
        if (t == boolean.class) {
            return false;
        }
        switch (kind) {
            case INT:
                return 0;
            case LONG:
                return 0L;
            case SHORT:
                return (short) 0;
            case BYTE:
                return (byte) 0;
            case DOUBLE:
                return 0d;
            case FLOAT:
                return 0f;
            default:
                return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object parseText(String text) {
        switch (kind) {
            case STRING:
                return text;
            case INT:
                return Integer.parseInt(text.trim());
            case LONG:
                return Long.parseLong(text.trim());
            case BOOLEAN:
                // As the official peers read it: anything but "true" is false.
                return "true".equalsIgnoreCase(text.trim());
            case SHORT:
                return Short.parseShort(text.trim());
            case BYTE:
                return Byte.parseByte(text.trim());
            case DOUBLE:
                return Double.parseDouble(text.trim());
            case FLOAT:
                return Float.parseFloat(text.trim());
            case ENUM:
                return Enum.valueOf((Class) field.getType(), text.trim());
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }
}
