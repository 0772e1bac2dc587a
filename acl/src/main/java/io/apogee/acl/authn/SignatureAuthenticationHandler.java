package io.apogee.acl.authn;

import io.apogee.acl.AuthException;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * The default authentication handler: the access key names an enabled user and the signature is the
 * one that user's secret key gives for this request (06-acl2.md §2.2). Every request is verified in
 * full; nothing about an earlier verification is remembered. Stateless and thread-safe.
 */
public final class SignatureAuthenticationHandler implements AuthenticationHandler {
    @Override
    public void authenticate(RemotingCommand request, String username, User user, String sourceIp)
            throws AuthException {
        if (username == null || username.isEmpty()) {
            throw new AuthException("username cannot be null.");
        }
        if (user == null) {
            throw new AuthException(Subjects.ofUser(username) + " is not found.");
        }
        if (!user.isEnabled()) {
            throw new AuthException(Subjects.ofUser(username) + " is disabled.");
        }
        boolean legacy = request.version() <= RequestSignature.LAST_VERSION_SIGNING_UNIQUE_KEY_QUERY_EXCLUDED;
        if (!RequestSignature.verify(request.extFields(), request.body(), legacy, user.password(),
                request.extField(RequestSignature.SIGNATURE))) {
            throw new AuthException("check signature failed.");
        }
    }
}
