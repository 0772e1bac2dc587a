package io.apogee.common.naming;

/**
 * RocketMQ's rules for topic and group names, shared by the broker and the client: 1..127 (topics)
 * or 1..255 (groups) characters of {@code [%|a-zA-Z0-9_-]}. A loop rather than a regular expression:
 * it runs on every send, and a Matcher per call was a measurable share of the allocation there.
 */
public final class ResourceNames {
    public static final int MAX_TOPIC_LENGTH = 127;
    public static final int MAX_GROUP_LENGTH = 255;

    private ResourceNames() {
    }

    /** Whether {@code name} is non-empty and every character is one of {@code [%|a-zA-Z0-9_-]}. */
    public static boolean hasOnlyLegalCharacters(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '%'
                    || c == '|' || c == '_' || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }
}
