package io.apogee.acl;

import io.apogee.remoting.protocol.ResponseCode;

/**
 * A refusal by the ACL: failed authentication, a denial, or invalid user/ACL metadata. Carries the
 * response code the client sees (16 NO_PERMISSION unless stated) and a remark that never holds a secret.
 */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int responseCode;

    public AuthException(String message) {
        this(ResponseCode.NO_PERMISSION, message);
    }

    public AuthException(int responseCode, String message) {
        super(message, null, false, false);
        this.responseCode = responseCode;
    }

    public int responseCode() {
        return responseCode;
    }
}
