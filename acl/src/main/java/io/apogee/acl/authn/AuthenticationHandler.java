package io.apogee.acl.authn;

import io.apogee.acl.AuthException;
import io.apogee.remoting.protocol.RemotingCommand;

/**
 * One link of the authentication chain. Handlers run in order; the first to throw refuses the request.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AuthenticationHandler {
    /**
     * @param sourceIp the caller's address without port
     * @throws AuthException to refuse the request (its message is the remark the client sees)
     */
    void authenticate(RemotingCommand request, String sourceIp) throws AuthException;
}
