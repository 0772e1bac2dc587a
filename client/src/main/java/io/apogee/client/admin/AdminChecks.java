package io.apogee.client.admin;

import io.apogee.common.naming.ResourceNames;

/** The name rules checked before a request leaves (RocketMQ's: {@code ^[%|a-zA-Z0-9_-]+$}). */
final class AdminChecks {

    private AdminChecks() {
    }

    static String checkTopic(String topic) {
        return check("topic", topic, ResourceNames.MAX_TOPIC_LENGTH);
    }

    static String checkGroup(String group) {
        return check("group", group, ResourceNames.MAX_GROUP_LENGTH);
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
        if (!ResourceNames.hasOnlyLegalCharacters(name)) {
            throw new IllegalArgumentException(what + " may only contain letters, digits, '%', '|', '_' and '-', "
                    + what + "=" + name);
        }
        return name;
    }
}
