package io.apogee.acl.metadata;

/**
 * A user as the admin requests carry it and as the user file stores it (fastjson, keys sorted, nulls
 * left out): {@code {"password":…,"userStatus":"enable","userType":"Normal","username":…}}. Fields a
 * request leaves out are null. Its {@link #toString()} never shows the password.
 */
public record UserInfo(String username, String password, String userType, String userStatus) {
    @Override
    public String toString() {
        return "UserInfo[" + username + ", " + userType + ", " + userStatus + "]";
    }
}
