package io.apogee.remoting.protocol.header;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The fields of one header type, found once by reflection and kept for every later encode and decode.
 * A header is either a record (built through its canonical constructor) or a class with a no-argument
 * constructor whose fields are set one by one. Immutable and thread-safe.
 */
final class HeaderSchema {
    private final Class<?> type;
    private final MethodHandle constructor;
    private final HeaderField[] fields;
    /** The fields' wire keys in schema order, or null when one is not ASCII (see {@link #asciiNames()}). */
    private final String[] asciiNames;
    private final boolean readsWithoutBoxing;
    /** Wire orders by the set of present fields (bit i: field i), computed once per set. */
    private final ConcurrentMap<Long, int[]> wireOrders = new ConcurrentHashMap<>();
    /** The last order looked up: one header type is usually sent with the same fields set. */
    private volatile WireOrder lastWireOrder;

    private record WireOrder(long mask, int[] order) {
    }

    private HeaderSchema(Class<?> type, MethodHandle constructor, HeaderField[] fields) {
        this.type = type;
        this.constructor = constructor;
        this.fields = fields;
        String[] names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
            if (!names[i].chars().allMatch(c -> c < 0x80)) {
                names = null;
                break;
            }
        }
        this.asciiNames = names;
        boolean noBoxing = type.isRecord() && fields.length <= Long.SIZE;
        for (HeaderField field : fields) {
            Class<?> t = field.type();
            noBoxing &= !t.isPrimitive() || t == boolean.class;
        }
        this.readsWithoutBoxing = noBoxing;
    }

    /** The wire keys in schema order when all are ASCII, else null. Shared: do not modify. */
    String[] asciiNames() {
        return asciiNames;
    }

    static HeaderSchema of(Class<?> type) {
        if (type.isRecord()) {
            return ofRecord(type);
        }
        List<HeaderField> found = new ArrayList<>();
        // Superclass fields first, so that shared base fields keep a stable place in the order.
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                found.add(HeaderField.of(field));
            }
        }
        MethodHandle constructor;
        try {
            constructor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findConstructor(type, MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("header type " + type.getName()
                    + " needs a no-argument constructor", e);
        }
        return new HeaderSchema(type, constructor, found.toArray(new HeaderField[0]));
    }

    private static HeaderSchema ofRecord(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        HeaderField[] fields = new HeaderField[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                fields[i] = HeaderField.of(type.getDeclaredField(components[i].getName()));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            parameterTypes[i] = components[i].getType();
        }
        try {
            MethodHandle canonical = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, parameterTypes.length);
            return new HeaderSchema(type, canonical, fields);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("header record " + type.getName() + " has no usable constructor", e);
        }
    }

    /**
     * Whether a header can be read again whenever needed instead of copied: a record (which cannot change)
     * whose fields read without allocating (no primitive but boolean) and whose present fields fit a mask.
     */
    boolean readsWithoutBoxing() {
        return readsWithoutBoxing;
    }

    /** Field {@code index}'s current value in {@code header}, or null. */
    Object get(int index, Object header) {
        return fields[index].get(header);
    }

    /** Every field's current value (null when unset), in schema order. */
    Object[] readValues(Object header) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].get(header);
        }
        return values;
    }

    /** The number of fields. */
    int size() {
        return fields.length;
    }

    String name(int index) {
        return fields[index].name();
    }

    String text(int index, Object value) {
        return fields[index].text(value);
    }

    boolean wholeNumber(int index) {
        return fields[index].wholeNumber();
    }

    int maxTextLength(int index, Object value) {
        return fields[index].maxTextLength(value);
    }

    /**
     * The indexes of the present fields in the order a {@link HashMap} iterates them when they are put
     * in schema order, as {@link #encode} does. Found by filling such a map once per set of present
     * fields, so it follows whatever the JDK's map does (bucket order, resizes, collisions).
     */
    int[] wireOrder(long presentMask, HeaderValues values) {
        if (fields.length > Long.SIZE) {
            return iterationOrder(values);
        }
        WireOrder last = lastWireOrder;
        if (last != null && last.mask() == presentMask) {
            return last.order();
        }
        int[] order = wireOrders.computeIfAbsent(presentMask, mask -> iterationOrder(values));
        lastWireOrder = new WireOrder(presentMask, order);
        return order;
    }

    private int[] iterationOrder(HeaderValues values) {
        Map<String, Integer> probe = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            if (values.isPresent(i)) {
                probe.put(fields[i].name(), i);
            }
        }
        int[] order = new int[probe.size()];
        int next = 0;
        for (Integer index : probe.values()) {
            order[next++] = index;
        }
        return order;
    }

    void encode(Object header, Map<String, String> out) {
        for (HeaderField field : fields) {
            String value = field.read(header);
            if (value != null) {
                out.put(field.name(), value);
            }
        }
    }

    Object decode(Map<String, String> in) throws HeaderException {
        if (type.isRecord()) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i].parse(valueOf(in, fields[i]));
            }
            return construct(values);
        }
        Object header = construct(null);
        for (HeaderField field : fields) {
            String value = valueOf(in, field);
            if (value != null) {
                field.write(header, value);
            }
        }
        return header;
    }

    private static String valueOf(Map<String, String> in, HeaderField field) throws HeaderException {
        String value = in == null ? null : in.get(field.name());
        if (value == null && field.required()) {
            throw new HeaderException("the custom field <" + field.name() + "> is null");
        }
        return value;
    }

    /**
     * Decodes from the fields' raw values in schema order, with the checks of {@link #decode(Map)} in the
     * same order: each is null (absent), its wire text, or a whole number already parsed by the caller
     * into the field's boxed type (see {@link #wholeNumber}). Uses {@code raw} as its working array.
     */
    Object decode(Object[] raw) throws HeaderException {
        for (int i = 0; i < fields.length; i++) {
            Object value = raw[i];
            if (value == null && fields[i].required()) {
                throw new HeaderException("the custom field <" + fields[i].name() + "> is null");
            }
            if (value instanceof String text) {
                raw[i] = fields[i].parse(text);
            } else if (value == null && type.isRecord()) {
                raw[i] = fields[i].parse(null);
            }
        }
        if (type.isRecord()) {
            return construct(raw);
        }
        Object header = construct(null);
        for (int i = 0; i < fields.length; i++) {
            if (raw[i] != null) {
                fields[i].set(header, raw[i]);
            }
        }
        return header;
    }

    /**
     * {@code value} boxed as field {@code index} holds it, when that field is a whole number and the value
     * fits it (what parsing its decimal text gives); else null.
     */
    Object wholeNumber(int index, long value) {
        return fields[index].wholeNumber(value);
    }

    private Object construct(Object[] values) {
        try {
            return values == null ? constructor.invoke() : constructor.invoke(values);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create header " + type.getName(), e);
        }
    }
}
