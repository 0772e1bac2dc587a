package io.apogee.acl.model;

import java.util.Locale;

/** What a resource names. Printed as RocketMQ prints it; parsed case-insensitively. */
public enum ResourceType {
    UNKNOWN("Unknown"), ANY("Any"), CLUSTER("Cluster"), NAMESPACE("Namespace"), TOPIC("Topic"), GROUP("Group");

    private final String label;

    ResourceType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type named {@code text} (case-insensitive), or null. */
    public static ResourceType parse(String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ResourceType type : values()) {
            if (type.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        return null;
    }
}
