package io.apogee.acl.model;

import java.util.Locale;

/** A disabled user fails authentication. Printed in lower case, as RocketMQ does. */
public enum UserStatus {
    ENABLE("enable"), DISABLE("disable");

    private final String label;

    UserStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status named {@code text} (case-insensitive), or null. */
    public static UserStatus parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "enable" -> ENABLE;
            case "disable" -> DISABLE;
            default -> null;
        };
    }
}
