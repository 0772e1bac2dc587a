package io.apogee.acl.authn;

import io.apogee.acl.AuthException;
import io.apogee.acl.model.User;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * One link of the authentication chain. Handlers run in order; the first to throw refuses the request.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AuthenticationHandler {
    /**
     * @param username the request's access key, or null when it has none
     * @param user the user of that name as the metadata holds it for this request (looked up once per
     *     request, for every handler), or null when there is none
     * @param sourceIp the caller's address without port
     * @throws AuthException to refuse the request (its message is the remark the client sees)
     */
    void authenticate(RemotingCommand request, String username, User user, String sourceIp) throws AuthException;
}
