package io.apogee.acl;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The ACL settings of a broker, from RocketMQ's keys (06-acl2.md §7.1). Immutable.
 *
 * @param authenticationEnabled check signatures on every request
 * @param authorizationEnabled check permissions on every request
 * @param authenticationWhitelist request codes that need no credentials
 * @param authorizationWhitelist request codes that need no permission
 * @param initUser the super user created at start when absent, or null
 * @param innerClient the credentials the broker signs its own requests with (also created as a super
 *     user when absent), or null
 * @param clusterName the broker's cluster: the resource of cluster-wide requests
 * @param configDir where users and ACLs are stored
 */
public record AuthConfig(boolean authenticationEnabled, boolean authorizationEnabled,
        Set<Integer> authenticationWhitelist, Set<Integer> authorizationWhitelist, Credentials initUser,
        Credentials innerClient, String clusterName, Path configDir) {

    /** An access key and secret key; {@link #toString()} hides the secret. */
    public record Credentials(String accessKey, String secretKey) {
        public Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "Credentials[" + accessKey + "]";
        }
    }

    public AuthConfig {
        authenticationWhitelist = Set.copyOf(authenticationWhitelist);
        authorizationWhitelist = Set.copyOf(authorizationWhitelist);
    }

    public boolean anyEnabled() {
        return authenticationEnabled || authorizationEnabled;
    }

    /**
     * Request codes from a comma-separated list.
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static Set<Integer> parseCodes(String key, String text) {
        Set<Integer> codes = new HashSet<>();
        if (text == null) {
            return codes;
        }
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                codes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " holds '" + part.trim() + "', not a request code");
            }
        }
        return codes;
    }

    /**
     * Credentials from JSON such as {@code {"username":"u","password":"p"}} (or {@code accessKey} and
     * {@code secretKey}); null when blank.
     *
     * @throws IllegalArgumentException naming the key, never the secret
     */
    public static Credentials parseCredentials(String key, String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JSONObject object;
        try {
            object = JSON.parseObject(json);
        } catch (JSONException e) {
            throw new IllegalArgumentException(key + " is not JSON like {\"username\":\"…\",\"password\":\"…\"}");
        }
        String name = first(object, "username", "accessKey");
        String secret = first(object, "password", "secretKey");
        if (name == null || name.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(key + " needs a non-blank user name (username or accessKey) "
                    + "and secret (password or secretKey)");
        }
        return new Credentials(name, secret);
    }

    private static String first(JSONObject object, String... keys) {
        if (object == null) {
            return null;
        }
        for (String key : keys) {
            String value = object.getString(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
