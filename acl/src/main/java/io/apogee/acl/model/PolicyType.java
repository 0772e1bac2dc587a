package io.apogee.acl.model;

import java.util.Locale;

/** Custom policies are consulted first; Default ones only when no Custom entry matches. */
public enum PolicyType {
    CUSTOM("Custom"), DEFAULT("Default");

    private final String label;

    PolicyType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The policy type named {@code text} (case-insensitive); Custom when blank; null when unknown. */
    public static PolicyType parse(String text) {
        if (text == null || text.isBlank()) {
            return CUSTOM;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "custom" -> CUSTOM;
            case "default" -> DEFAULT;
            default -> null;
        };
    }
}
