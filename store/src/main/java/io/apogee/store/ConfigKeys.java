package io.apogee.store;

import java.util.Properties;

/**
 * Reads typed values from {@code key=value} properties, with an error that names the key and the
 * bad value. Stateless and thread-safe.
 */
final class ConfigKeys {
    private ConfigKeys() {
    }

    static int intKey(Properties p, String key, int def) {
        String v = p.getProperty(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, " + key + "=" + v, e);
        }
    }

    static boolean boolKey(Properties p, String key, boolean def) {
        String v = p.getProperty(key);
        return v == null ? def : Boolean.parseBoolean(v.trim());
    }

    static String stringKey(Properties p, String key, String def) {
        String v = p.getProperty(key);
        return v == null ? def : v.trim();
    }

    static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be greater than zero, " + key + "=" + value);
        }
        return value;
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
