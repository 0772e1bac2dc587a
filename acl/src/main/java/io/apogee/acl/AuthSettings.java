package io.apogee.acl;

import io.apogee.common.config.PropertiesBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The ACL keys of a daemon's configuration file, under RocketMQ 5.3's names (06-acl2.md §7.1), bound
 * by name and shared by the broker and the name server. They are read once at start: a remote config
 * update cannot switch ACL off. The provider, strategy and cache keys are accepted so that an
 * operator's existing file works unchanged; Apogee has one provider and caches nothing stale.
 */
public final class AuthSettings {
    private static final List<String> SECRETS = List.of("initAuthenticationUser", "innerClientAuthenticationCredentials");

    private volatile boolean authenticationEnabled = false;
    private volatile boolean authorizationEnabled = false;
    private volatile String authenticationWhitelist = "";
    private volatile String authorizationWhitelist = "";
    private volatile String initAuthenticationUser = "";
    private volatile String innerClientAuthenticationCredentials = "";
    private volatile String authenticationProvider;
    private volatile String authenticationMetadataProvider;
    private volatile String authenticationStrategy;
    private volatile String authorizationProvider;
    private volatile String authorizationMetadataProvider;
    private volatile String authorizationStrategy;
    private volatile boolean migrateAuthFromV1Enabled = false;
    private volatile int userCacheMaxNum = 1000;
    private volatile int userCacheExpiredSecond = 600;
    private volatile int userCacheRefreshSecond = 60;
    private volatile int aclCacheMaxNum = 1000;
    private volatile int aclCacheExpiredSecond = 600;
    private volatile int aclCacheRefreshSecond = 60;
    private volatile int statefulAuthenticationCacheMaxNum = 10_000;
    private volatile int statefulAuthenticationCacheExpiredSecond = 60;
    private volatile int statefulAuthorizationCacheMaxNum = 10_000;
    private volatile int statefulAuthorizationCacheExpiredSecond = 60;

    /**
     * Applies the ACL keys of {@code properties}.
     *
     * @return the keys that are not ACL settings
     * @throws IllegalArgumentException when a value does not parse
     */
    public List<String> apply(Properties properties) {
        return PropertiesBinder.bind(properties, this);
    }

    /** Whether {@code key} is an ACL setting. */
    public static boolean knows(String key) {
        return PropertiesBinder.knows(AuthSettings.class, key);
    }

    /** Every ACL setting, sorted by key, with the credentials masked. */
    public Map<String, String> describe() {
        Map<String, String> settings = new TreeMap<>(PropertiesBinder.describe(this));
        for (String secret : SECRETS) {
            settings.computeIfPresent(secret, (key, value) -> value.isEmpty() ? value : "******");
        }
        return settings;
    }

    /**
     * The checked settings.
     *
     * @param clusterName the resource of cluster-wide requests
     * @param configDir where users and ACLs are stored
     * @throws IllegalArgumentException when a whitelist or credential setting does not parse
     */
    public AuthConfig toConfig(String clusterName, Path configDir) {
        return new AuthConfig(authenticationEnabled, authorizationEnabled,
                AuthConfig.parseCodes("authenticationWhitelist", authenticationWhitelist),
                AuthConfig.parseCodes("authorizationWhitelist", authorizationWhitelist),
                AuthConfig.parseCredentials("initAuthenticationUser", initAuthenticationUser),
                AuthConfig.parseCredentials("innerClientAuthenticationCredentials", innerClientAuthenticationCredentials),
                clusterName, configDir);
    }
}
