package io.apogee.acl.authz;

import io.apogee.acl.AuthException;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;

/** The subject must be an existing user; a super user is allowed everything. Thread-safe. */
public final class SuperUserHandler implements AuthorizationHandler {
    private final AuthMetadata metadata;

    public SuperUserHandler(AuthMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public Verdict authorize(String username, Access access, String sourceIp) throws AuthException {
        User user = metadata.user(username);
        if (user == null) {
            throw new AuthException(Subjects.ofUser(username) + " not found.");
        }
        return user.isSuper() ? Verdict.ALLOW : Verdict.ABSTAIN;
    }
}
