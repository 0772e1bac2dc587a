package io.apogee.acl.authz;

import io.apogee.acl.AuthException;
import io.apogee.acl.model.User;

/**
 * One link of the authorization chain, asked about each access a request needs. Handlers run in order
 * until one allows (return {@link Verdict#ALLOW}) or refuses (throw); a chain that ends undecided
 * refuses. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AuthorizationHandler {
    /** What a handler says when it does not refuse. */
    enum Verdict { ALLOW, ABSTAIN }

    /**
     * @param username the request's access key (authenticated when authentication is on)
     * @param user the user of that name as the metadata holds it for this request, or null when there is none
     * @param sourceIp the caller's address without port
     * @throws AuthException to refuse (the message is the remark the client sees)
     */
    Verdict authorize(String username, User user, Access access, String sourceIp) throws AuthException;
}
