package io.apogee.common.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties string of a message: {@code name 0x01 value 0x02}, repeated, with a trailing
 * {@code 0x02}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageProperties {
    public static final char NAME_VALUE_SEPARATOR = 1;
    public static final char PROPERTY_SEPARATOR = 2;

    private MessageProperties() {
    }

    /** Encodes in the map's iteration order; null values are skipped, as the official encoder does. */
    public static String encode(Map<String, String> properties) {
        if (properties == null || properties.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(properties.size() * 24);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(e.getKey()).append(NAME_VALUE_SEPARATOR).append(e.getValue()).append(PROPERTY_SEPARATOR);
        }
        return sb.toString();
    }

    /**
     * Decodes leniently, matching what official clients accept: a missing trailing separator is
     * fine, segments without a name or a value are dropped, and a later duplicate wins.
     */
    public static Map<String, String> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> map = new LinkedHashMap<>();
        int start = 0;
        int length = encoded.length();
        while (start < length) {
            int end = encoded.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            int sep = encoded.indexOf(NAME_VALUE_SEPARATOR, start);
            if (end - start >= 3 && sep > start && sep < end - 1) {
                map.put(encoded.substring(start, sep), encoded.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /** Looks one property up without building a map; used on the dispatch path. */
    public static String get(String encoded, String name) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        String found = null;
        int from = 0;
        int length = encoded.length();
        // Keep scanning: a later duplicate overrides an earlier one, as in decode().
        while (from < length) {
            int idx = encoded.indexOf(name + NAME_VALUE_SEPARATOR, from);
            if (idx < 0) {
                break;
            }
            int valueStart = idx + name.length() + 1;
            if (idx == 0 || encoded.charAt(idx - 1) == PROPERTY_SEPARATOR) {
                int end = encoded.indexOf(PROPERTY_SEPARATOR, valueStart);
                if (end < 0) {
                    end = length;
                }
                if (end > valueStart) {
                    found = encoded.substring(valueStart, end);
                }
            }
            from = valueStart;
        }
        return found;
    }
}
