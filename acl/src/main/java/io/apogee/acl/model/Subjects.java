package io.apogee.acl.model;

import java.util.Locale;

/** Subject keys: {@code User:<name>}, the type name case-insensitive when parsed. */
public final class Subjects {
    private static final String USER_PREFIX = "User:";

    private Subjects() {
    }

    public static String ofUser(String username) {
        return USER_PREFIX + username;
    }

    /** The user name of a subject key, or null when the key is not {@code User:<non-blank name>}. */
    public static String username(String subject) {
        if (subject == null) {
            return null;
        }
        String trimmed = subject.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || !trimmed.substring(0, colon).toLowerCase(Locale.ROOT).equals("user")) {
            return null;
        }
        String name = trimmed.substring(colon + 1).trim();
        return name.isEmpty() ? null : name;
    }
}
