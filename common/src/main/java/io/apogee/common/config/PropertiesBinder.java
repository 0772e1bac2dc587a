package io.apogee.common.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Binds {@code key=value} properties to the fields of a typed configuration object, by field name,
 * so that operators use RocketMQ's key names. Supported field types: String, int, long, boolean,
 * double. Stateless and thread-safe; the target's own thread-safety is the caller's concern (fields
 * changed at run time should be volatile).
 */
public final class PropertiesBinder {
    private PropertiesBinder() {
    }

    /**
     * Sets each field of {@code target} named by a key of {@code properties}.
     *
     * @return the keys that name no field (for a warning, not an error: other tools share the files)
     * @throws IllegalArgumentException when a value does not parse as its field's type
     */
    public static List<String> bind(Properties properties, Object target) {
        Map<String, Field> fields = fieldsOf(target.getClass());
        List<String> unknown = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            Field field = fields.get(key);
            if (field == null) {
                unknown.add(key);
                continue;
            }
            String text = properties.getProperty(key).trim();
            try {
                field.set(target, parse(field.getType(), text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key " + key + " needs a " + field.getType().getSimpleName()
                        + " value, not '" + text + "'", e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return unknown;
    }

    /** True when {@code key} names a field of {@code type}. */
    public static boolean knows(Class<?> type, String key) {
        return fieldsOf(type).containsKey(key);
    }

    /** Every field of {@code source} as key and text, sorted by key. Null values are left out. */
    public static Map<String, String> describe(Object source) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Field> field : fieldsOf(source.getClass()).entrySet()) {
            try {
                Object value = field.getValue().get(source);
                if (value != null) {
                    out.put(field.getKey(), value.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Map<String, Field> fieldsOf(Class<?> type) {
        Map<String, Field> fields = new TreeMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || Modifier.isFinal(modifiers)) {
                    continue;
                }
                field.setAccessible(true);
                fields.putIfAbsent(field.getName(), field);
            }
        }
        return fields;
    }

    private static Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        } else if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        } else if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        } else if (type == boolean.class || type == Boolean.class) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("not a boolean: " + text);
            }
            return Boolean.parseBoolean(text);
        } else if (type == double.class || type == Double.class) {
            return Double.parseDouble(text);
        }
        throw new IllegalArgumentException("unsupported config field type " + type.getName());
    }
}
