package io.apogee.acl;

import io.apogee.acl.authn.AuthenticationHandler;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.acl.authz.Access;
import io.apogee.acl.authz.AuthorizationHandler;
import io.apogee.acl.authz.RequestAccesses;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.List;

/**
 * The ACL at dispatch: authentication, then authorization of every access the request needs, before
 * the processor runs. A refusal answers code 16 with the reason as remark and is audited. Thread-safe.
 */
public final class AclRpcHook implements RpcHook {
    static final String NO_SUBJECT = "Authorization failed. Please verify your access rights and try again.";

    private final AuthConfig config;
    private final List<AuthenticationHandler> authentication;
    private final List<AuthorizationHandler> authorization;
    private final RequestAccesses accesses;

    public AclRpcHook(AuthConfig config, List<AuthenticationHandler> authentication,
            List<AuthorizationHandler> authorization, RequestAccesses accesses) {
        this.config = config;
        this.authentication = List.copyOf(authentication);
        this.authorization = List.copyOf(authorization);
        this.accesses = accesses;
    }

    @Override
    public void beforeRequest(String remoteAddress, RemotingCommand request) throws RequestRejectedException {
        if (request.isResponse()) {
            return;
        }
        String sourceIp = hostOf(remoteAddress);
        String user = request.extField(RequestSignature.ACCESS_KEY);
        int code = request.code();
        if (config.authenticationEnabled() && !config.authenticationWhitelist().contains(code)) {
            try {
                for (AuthenticationHandler handler : authentication) {
                    handler.authenticate(request, sourceIp);
                }
            } catch (AuthException e) {
                AuditLog.authenticationFailed(user, sourceIp, code, e.getMessage());
                throw new RequestRejectedException(e.responseCode(), e.getMessage());
            }
        }
        if (config.authorizationEnabled() && !config.authorizationWhitelist().contains(code)) {
            authorize(request, sourceIp, user, code);
        }
    }

    private void authorize(RemotingCommand request, String sourceIp, String user, int code)
            throws RequestRejectedException {
        if (request.extFields() == null) {
            return; // as RocketMQ: no field, no context (only reachable with authentication off or whitelisted)
        }
        List<Access> needed = accesses.of(request);
        if (needed.isEmpty()) {
            return;
        }
        if (user == null || user.isEmpty()) {
            AuditLog.denied(user, sourceIp, code, NO_SUBJECT);
            throw new RequestRejectedException(ResponseCode.NO_PERMISSION, NO_SUBJECT);
        }
        for (Access access : needed) {
            try {
                if (!decide(user, access, sourceIp)) {
                    throw new AuthException("User:" + user + " has no permission to access " + access.resource()
                            + " from " + sourceIp + ", no matched policies.");
                }
            } catch (AuthException e) {
                AuditLog.denied(user, sourceIp, code, e.getMessage());
                throw new RequestRejectedException(e.responseCode(), e.getMessage());
            }
        }
    }

    private boolean decide(String user, Access access, String sourceIp) throws AuthException {
        for (AuthorizationHandler handler : authorization) {
            if (handler.authorize(user, access, sourceIp) == AuthorizationHandler.Verdict.ALLOW) {
                return true;
            }
        }
        return false;
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
