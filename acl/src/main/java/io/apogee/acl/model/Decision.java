package io.apogee.acl.model;

import java.util.Locale;

/** The outcome a policy entry gives when it is the most specific match. */
public enum Decision {
    ALLOW("Allow"), DENY("Deny");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The decision named {@code text} (case-insensitive), or null. */
    public static Decision parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            default -> null;
        };
    }
}
