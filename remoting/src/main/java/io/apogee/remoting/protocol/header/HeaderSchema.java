package io.apogee.remoting.protocol.header;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one header type, found once by reflection and kept for every later encode and decode.
 * Immutable and thread-safe.
 */
final class HeaderSchema {
    private final Class<?> type;
    private final MethodHandle constructor;
    private final HeaderField[] fields;

    private HeaderSchema(Class<?> type, MethodHandle constructor, HeaderField[] fields) {
        this.type = type;
        this.constructor = constructor;
        this.fields = fields;
    }

    static HeaderSchema of(Class<?> type) {
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

    void encode(Object header, Map<String, String> out) {
        for (HeaderField field : fields) {
            String value = field.read(header);
            if (value != null) {
                out.put(field.name(), value);
            }
        }
    }

    Object decode(Map<String, String> in) throws HeaderException {
        Object header;
        try {
            header = constructor.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create header " + type.getName(), e);
        }
        for (HeaderField field : fields) {
            String value = in == null ? null : in.get(field.name());
            if (value == null) {
                if (field.required()) {
                    throw new HeaderException("the custom field <" + field.name() + "> is null");
                }
                continue;
            }
            field.write(header, value);
        }
        return header;
    }
}
