package io.apogee.acl.model;

import java.util.Locale;

/**
 * What a request does to a resource. {@code ALL} in a policy grants every action; {@code ANY} is only
 * for requests (it matches any entry) and is refused in policies.
 */
public enum Action {
    ALL("All"), ANY("Any"), PUB("Pub"), SUB("Sub"), CREATE("Create"), UPDATE("Update"), DELETE("Delete"),
    GET("Get"), LIST("List");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The action named {@code text} (case-insensitive), or null when it names none. */
    public static Action parse(String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Action action : values()) {
            if (action.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return action;
            }
        }
        return null;
    }
}
