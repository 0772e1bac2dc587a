package io.apogee.acl.model;

import java.util.Objects;

/**
 * An authentication subject: the client's access key ({@code username}) and secret key
 * ({@code password}). Immutable. {@link #toString()} never shows the password.
 */
public record User(String username, String password, UserType type, UserStatus status) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** The subject key the ACLs are stored under: {@code User:<username>}. */
    public String subject() {
        return Subjects.ofUser(username);
    }

    public boolean isSuper() {
        return type == UserType.SUPER;
    }

    public boolean isEnabled() {
        return status == UserStatus.ENABLE;
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + type.label() + ", " + status.label() + "]";
    }
}
