package io.apogee.client.runtime;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.auth.SigningRpcHook;

/**
 * An ACL user's access key and secret key (RocketMQ's {@code SessionCredentials}), with an optional
 * security token. Every request of a client that has them is signed (the {@code AccessKey},
 * {@code SecurityToken} and {@code Signature} ext fields). Immutable; {@link #toString()} never shows
 * the secret, so settings can be logged.
 *
 * @param accessKey the user name
 * @param secretKey the user's password, the HMAC key of the signature
 * @param securityToken sent as {@code SecurityToken} when not null
 */
public record Credentials(String accessKey, String secretKey, String securityToken) {

    /** @throws IllegalArgumentException when the access key or the secret key is empty */
    public Credentials {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("credentials need an accessKey");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("credentials need a secretKey, accessKey=" + accessKey);
        }
        if (securityToken != null && securityToken.isEmpty()) {
            securityToken = null;
        }
    }

    /** The hook that signs every request with these credentials. */
    public RpcHook signingHook() {
        return new SigningRpcHook(accessKey, secretKey, securityToken);
    }

    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + (securityToken != null ? ", securityToken=***" : "") + "]";
    }
}
