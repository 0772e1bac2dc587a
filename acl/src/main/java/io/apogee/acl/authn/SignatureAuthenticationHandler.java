package io.apogee.acl.authn;

import io.apogee.acl.AuthException;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * The default authentication handler: the access key names an enabled user and the signature is the
 * one that user's secret key gives for this request (06-acl2.md §2.2). Thread-safe.
 */
public final class SignatureAuthenticationHandler implements AuthenticationHandler {
    private final AuthMetadata metadata;

    public SignatureAuthenticationHandler(AuthMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public void authenticate(RemotingCommand request, String sourceIp) throws AuthException {
        String username = request.extFields() == null ? null : request.extField(RequestSignature.ACCESS_KEY);
        if (username == null || username.isEmpty()) {
            throw new AuthException("username cannot be null.");
        }
        User user = metadata.user(username);
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
