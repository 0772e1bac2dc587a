package io.apogee.acl;

import io.apogee.acl.authn.AuthenticationHandler;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.acl.authz.Access;
import io.apogee.acl.authz.AuthorizationHandler;
import io.apogee.acl.authz.RequestAccesses;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.User;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The ACL at dispatch: authentication, then authorization of every access the request needs, before
 * the processor runs. A refusal answers code 16 with the reason as remark and is audited. The user is
 * looked up once per request and handed to every handler, so all of them judge the same snapshot;
 * nothing is cached across requests. Thread-safe.
 */
public final class AclRpcHook implements RpcHook {
    static final String NO_SUBJECT = "Authorization failed. Please verify your access rights and try again.";

    /**
     * Per thread, the last remote address seen (by identity: a connection keeps its address text) and its
     * host, so that a connection's requests do not cut the same substring again and again.
     */
    private static final ThreadLocal<String[]> LAST_SOURCE = ThreadLocal.withInitial(() -> new String[2]);

    private final AuthConfig config;
    private final AuthMetadata metadata;
    private final List<AuthenticationHandler> authentication;
    private final List<AuthorizationHandler> authorization;
    private final RequestAccesses accesses;
    /** The whitelists, sorted, for a search without boxing the request code. */
    private final int[] authenticationWhitelist;
    private final int[] authorizationWhitelist;

    public AclRpcHook(AuthConfig config, AuthMetadata metadata, List<AuthenticationHandler> authentication,
            List<AuthorizationHandler> authorization, RequestAccesses accesses) {
        this.config = config;
        this.metadata = metadata;
        this.authentication = List.copyOf(authentication);
        this.authorization = List.copyOf(authorization);
        this.accesses = accesses;
        this.authenticationWhitelist = sorted(config.authenticationWhitelist());
        this.authorizationWhitelist = sorted(config.authorizationWhitelist());
    }

    private static int[] sorted(Set<Integer> codes) {
        int[] out = codes.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static boolean listed(int[] whitelist, int code) {
        return whitelist.length != 0 && Arrays.binarySearch(whitelist, code) >= 0;
    }

    @Override
    public void beforeRequest(String remoteAddress, RemotingCommand request) throws RequestRejectedException {
        if (request.isResponse()) {
            return;
        }
        int code = request.code();
        boolean authenticate = config.authenticationEnabled() && !listed(authenticationWhitelist, code);
        boolean authorize = config.authorizationEnabled() && !listed(authorizationWhitelist, code);
        if (!authenticate && !authorize) {
            return;
        }
        String sourceIp = sourceIpOf(remoteAddress);
        String username = request.extField(RequestSignature.ACCESS_KEY);
        User user = metadata.user(username);
        if (authenticate) {
            try {
                for (AuthenticationHandler handler : authentication) {
                    handler.authenticate(request, username, user, sourceIp);
                }
            } catch (AuthException e) {
                AuditLog.authenticationFailed(username, sourceIp, code, e.getMessage());
                throw new RequestRejectedException(e.responseCode(), e.getMessage());
            }
        }
        if (authorize) {
            authorize(request, sourceIp, username, user, code);
        }
    }

    private void authorize(RemotingCommand request, String sourceIp, String username, User user, int code)
            throws RequestRejectedException {
        if (request.extFields() == null) {
            return; // as RocketMQ: no field, no context (only reachable with authentication off or whitelisted)
        }
        List<Access> needed = accesses.of(request);
        if (needed.isEmpty()) {
            return;
        }
        if (username == null || username.isEmpty()) {
            AuditLog.denied(username, sourceIp, code, NO_SUBJECT);
            throw new RequestRejectedException(ResponseCode.NO_PERMISSION, NO_SUBJECT);
        }
        for (int i = 0; i < needed.size(); i++) {
            Access access = needed.get(i);
            try {
                if (!decide(username, user, access, sourceIp)) {
                    throw new AuthException("User:" + username + " has no permission to access " + access.resource()
                            + " from " + sourceIp + ", no matched policies.");
                }
            } catch (AuthException e) {
                AuditLog.denied(username, sourceIp, code, e.getMessage());
                throw new RequestRejectedException(e.responseCode(), e.getMessage());
            }
        }
    }

    private boolean decide(String username, User user, Access access, String sourceIp) throws AuthException {
        for (int i = 0; i < authorization.size(); i++) {
            AuthorizationHandler handler = authorization.get(i);
            if (handler.authorize(username, user, access, sourceIp) == AuthorizationHandler.Verdict.ALLOW) {
                return true;
            }
        }
        return false;
    }

    /** {@link #hostOf}, remembered for the last address this thread saw. */
    static String sourceIpOf(String remoteAddress) {
        String[] last = LAST_SOURCE.get();
        if (remoteAddress != null && remoteAddress == last[0]) {
            return last[1];
        }
        String host = hostOf(remoteAddress);
        last[0] = remoteAddress;
        last[1] = host;
        return host;
    }

    /** {@code host:port} or {@code [v6]:port} without the port and brackets. */
    static String hostOf(String remoteAddress) {
        if (remoteAddress == null) {
            return "";
        }
        String host = remoteAddress;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && (host.startsWith("[") || host.indexOf(':') == colon)) {
            host = host.substring(0, colon);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.startsWith("/")) {
            host = host.substring(1);
        }
        return host;
    }
}
