package io.apogee.client.admin;

import java.util.regex.Pattern;

/** The name rules checked before a request leaves (RocketMQ's: {@code ^[%|a-zA-Z0-9_-]+$}). */
final class AdminChecks {
    private static final Pattern NAME = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_TOPIC_LENGTH = 127;
    private static final int MAX_GROUP_LENGTH = 255;

    private AdminChecks() {
    }

    static String checkTopic(String topic) {
        return check("topic", topic, MAX_TOPIC_LENGTH);
    }

    static String checkGroup(String group) {
        return check("group", group, MAX_GROUP_LENGTH);
    }

    static String checkNotBlank(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    private static String check(String what, String name, int maxLength) {
        checkNotBlank(what, name);
        if (name.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters, " + what + "="
                    + name);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " may only contain letters, digits, '%', '|', '_' and '-', "
                    + what + "=" + name);
        }
        return name;
    }
}
