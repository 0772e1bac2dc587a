package io.apogee.acl.model;

import java.util.Locale;

/** Super users bypass authorization; Normal users are held to their ACL. */
public enum UserType {
    SUPER("Super"), NORMAL("Normal");

    private final String label;

    UserType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type named {@code text} (case-insensitive), or null. */
    public static UserType parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "super" -> SUPER;
            case "normal" -> NORMAL;
            default -> null;
        };
    }
}
