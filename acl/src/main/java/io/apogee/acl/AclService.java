package io.apogee.acl;

import io.apogee.acl.admin.AuthAdminProcessor;
import io.apogee.acl.authn.AuthenticationHandler;
import io.apogee.acl.authn.SignatureAuthenticationHandler;
import io.apogee.remoting.auth.SigningRpcHook;
import io.apogee.acl.authz.AuthorizationHandler;
import io.apogee.acl.authz.PolicyHandler;
import io.apogee.acl.authz.RequestAccesses;
import io.apogee.acl.authz.SuperUserHandler;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.remoting.RpcHook;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL of one broker, assembled: the metadata store, the default authentication chain (signature)
 * and authorization chain (super user, then policies), the dispatch hook, the admin processor, and the
 * hook that signs the broker's own requests. Start once; thread-safe afterwards.
 */
public final class AclService {
    private static final Logger LOG = LoggerFactory.getLogger(AclService.class);

    private final AuthConfig config;
    private final AuthMetadata metadata;

    public AclService(AuthConfig config) {
        this.config = config;
        this.metadata = new AuthMetadata(config.configDir());
    }

    /**
     * Loads users and ACLs and creates the initial and inner-client super users when absent.
     *
     * @throws IOException when the metadata cannot be read
     */
    public void start() throws IOException {
        metadata.load();
        ensureSuperUser(config.initUser(), "initAuthenticationUser");
        ensureSuperUser(config.innerClient(), "innerClientAuthenticationCredentials");
        LOG.info("ACL: authentication {}, authorization {}, {} user(s)",
                config.authenticationEnabled() ? "on" : "off", config.authorizationEnabled() ? "on" : "off",
                metadata.users(null).size());
    }

    private void ensureSuperUser(AuthConfig.Credentials credentials, String key) throws IOException {
        if (credentials == null || metadata.user(credentials.accessKey()) != null) {
            return;
        }
        try {
            metadata.createUser(new User(credentials.accessKey(), credentials.secretKey(), UserType.SUPER,
                    UserStatus.ENABLE));
            AuditLog.change("-", "config", "createUser", "User:" + credentials.accessKey(), "done (" + key + ")");
        } catch (AuthException e) {
            throw new IOException(key + ": " + e.getMessage());
        }
    }

    /** The hook to add to the server: authentication and authorization before every request. */
    public RpcHook serverHook() {
        List<AuthenticationHandler> authn = List.of(new SignatureAuthenticationHandler());
        List<AuthorizationHandler> authz = List.of(new SuperUserHandler(), new PolicyHandler(metadata));
        return new AclRpcHook(config, metadata, authn, authz, new RequestAccesses(config.clusterName()));
    }

    /** The hook that signs the broker's own requests, or null when no inner credentials are configured. */
    public RpcHook clientHook() {
        AuthConfig.Credentials inner = config.innerClient();
        return inner == null ? null : new SigningRpcHook(inner.accessKey(), inner.secretKey(), null);
    }

    /** The processor of the user and ACL admin codes (3001–3010). */
    public AuthAdminProcessor adminProcessor() {
        return new AuthAdminProcessor(metadata);
    }

    public AuthMetadata metadata() {
        return metadata;
    }

    public AuthConfig config() {
        return config;
    }
}
