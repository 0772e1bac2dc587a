package io.apogee.acl.authz;

import io.apogee.acl.AuthException;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;

/** The subject must be an existing user; a super user is allowed everything. Stateless and thread-safe. */
public final class SuperUserHandler implements AuthorizationHandler {
    @Override
    public Verdict authorize(String username, User user, Access access, String sourceIp) throws AuthException {
        if (user == null) {
            throw new AuthException(Subjects.ofUser(username) + " not found.");
        }
        return user.isSuper() ? Verdict.ALLOW : Verdict.ABSTAIN;
    }
}
