package io.apogee.acl.model;

import java.util.Objects;

/**
 * A resource as policies name it and requests touch it: {@code *} (anything), {@code Type:*} (every
 * resource of a type), {@code Type:prefix*} or {@code Type:name}. A request's resource is always
 * LITERAL. Immutable.
 */
public record Resource(ResourceType type, String name, ResourcePattern pattern) {
    private static final String RETRY_PREFIX = "%RETRY%";
    public static final Resource ANYTHING = new Resource(ResourceType.ANY, null, ResourcePattern.ANY);

    public Resource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pattern, "pattern");
    }

    public static Resource topic(String name) {
        return new Resource(ResourceType.TOPIC, name, ResourcePattern.LITERAL);
    }

    public static Resource group(String name) {
        return new Resource(ResourceType.GROUP, stripRetry(name), ResourcePattern.LITERAL);
    }

    public static Resource cluster(String name) {
        return new Resource(ResourceType.CLUSTER, name, ResourcePattern.LITERAL);
    }

    /** A topic field's value: a retry topic {@code %RETRY%g} names group {@code g}. */
    public static Resource ofTopicField(String value) {
        return isRetryTopic(value) ? group(value) : topic(value);
    }

    public static boolean isRetryTopic(String topic) {
        return topic != null && topic.startsWith(RETRY_PREFIX);
    }

    private static String stripRetry(String name) {
        return isRetryTopic(name) ? name.substring(RETRY_PREFIX.length()) : name;
    }

    /**
     * Parses a policy resource string.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static Resource parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The resource is blank.");
        }
        String value = text.trim();
        if (value.equals("*")) {
            return ANYTHING;
        }
        int colon = value.indexOf(':');
        ResourceType type = colon > 0 ? ResourceType.parse(value.substring(0, colon)) : null;
        if (type == null || type == ResourceType.ANY || type == ResourceType.UNKNOWN) {
            throw new IllegalArgumentException("The resource " + value + " is invalid, expected *, Cluster:, "
                    + "Namespace:, Topic: or Group: followed by a name, a prefix* or *.");
        }
        String name = value.substring(colon + 1).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The resource " + value + " has no name.");
        }
        if (name.equals("*")) {
            return new Resource(type, null, ResourcePattern.ANY);
        }
        if (name.endsWith("*")) {
            return new Resource(type, name.substring(0, name.length() - 1), ResourcePattern.PREFIXED);
        }
        return new Resource(type, name, ResourcePattern.LITERAL);
    }

    /** Whether this (policy) resource covers {@code requested} (a literal resource). */
    public boolean covers(Resource requested) {
        if (type == ResourceType.ANY) {
            return true;
        }
        if (type != requested.type) {
            return false;
        }
        return switch (pattern) {
            case ANY -> true;
            case LITERAL -> Objects.equals(name, requested.name);
            case PREFIXED -> requested.name != null && requested.name.startsWith(name);
        };
    }

    @Override
    public String toString() {
        if (type == ResourceType.ANY) {
            return "*";
        }
        return switch (pattern) {
            case ANY -> type.label() + ":*";
            case PREFIXED -> type.label() + ":" + name + "*";
            case LITERAL -> type.label() + ":" + name;
        };
    }
}
