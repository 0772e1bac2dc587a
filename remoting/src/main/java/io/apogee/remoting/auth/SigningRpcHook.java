package io.apogee.remoting.auth;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import java.util.Objects;

/**
 * Signs outgoing requests with an access key and secret key, as the official {@code AclClientRPCHook}
 * does: for the broker's own calls ({@code innerClientAuthenticationCredentials}) and for our client.
 * Must run after the request's header has been written into its ext fields. Thread-safe.
 */
public final class SigningRpcHook implements RpcHook {
    private final String accessKey;
    private final String secretKey;
    private final String securityToken;

    public SigningRpcHook(String accessKey, String secretKey, String securityToken) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.securityToken = securityToken;
    }

    @Override
    public void beforeRequest(String remoteAddress, RemotingCommand request) {
        request.putExtField(RequestSignature.ACCESS_KEY, accessKey);
        if (securityToken != null && !securityToken.isEmpty()) {
            request.putExtField(RequestSignature.SECURITY_TOKEN, securityToken);
        }
        request.putExtField(RequestSignature.SIGNATURE, RequestSignature.sign(request, secretKey));
    }

    @Override
    public String toString() {
        return "SigningRpcHook[" + accessKey + "]";
    }
}
