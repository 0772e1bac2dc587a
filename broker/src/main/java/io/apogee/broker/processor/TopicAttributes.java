package io.apogee.broker.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies the attribute edits of {@code UPDATE_AND_CREATE_TOPIC} ({@code +key=value} adds or replaces,
 * {@code -key} removes, comma separated) to a topic's current attributes. Stateless.
 */
final class TopicAttributes {
    private static final Map<String, Set<String>> SUPPORTED = Map.of(
            "message.type", Set.of("NORMAL", "FIFO", "DELAY", "TRANSACTION"),
            "queue.type", Set.of("BatchCQ", "SimpleCQ"),
            "cleanup.policy", Set.of("DELETE", "COMPACTION"));

    private TopicAttributes() {
    }

    /**
     * @throws IllegalArgumentException naming the bad edit, key or value
     */
    static Map<String, String> apply(Map<String, String> current, String edits) {
        Map<String, String> result = new HashMap<>(current);
        if (edits == null || edits.isBlank()) {
            return result;
        }
        for (String edit : edits.split(",")) {
            String e = edit.trim();
            if (e.length() < 2 || (e.charAt(0) != '+' && e.charAt(0) != '-')) {
                throw new IllegalArgumentException("bad attribute edit: " + e);
            }
            boolean add = e.charAt(0) == '+';
            int eq = e.indexOf('=');
            String key = add ? (eq < 0 ? e.substring(1) : e.substring(1, eq)) : e.substring(1);
            Set<String> values = SUPPORTED.get(key);
            if (values == null) {
                throw new IllegalArgumentException("unsupported key: " + key);
            }
            if (!add) {
                result.remove(key);
                continue;
            }
            String value = eq < 0 ? "" : e.substring(eq + 1);
            if (!values.contains(value)) {
                throw new IllegalArgumentException("value is not in set: " + values + ", key: " + key + ", value: "
                        + value);
            }
            result.put(key, value);
        }
        return result;
    }
}
