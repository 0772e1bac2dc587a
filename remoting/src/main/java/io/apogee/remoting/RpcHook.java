package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;

/**
 * Runs around every request: on a server before the processor and after its response, on a client
 * before the request is sent and after its response arrives. The ACL chain plugs in here.
 * Implementations are called from many threads at once and must be thread-safe.
 */
public interface RpcHook {
    /**
     * Called before the request is processed (server) or sent (client). May add ext fields.
     *
     * @throws RequestRejectedException to refuse the request with that code and remark
     */
    void beforeRequest(String remoteAddress, RemotingCommand request) throws RequestRejectedException;

    /** Called with the response; {@code response} is null for oneway requests. */
    default void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
    }
}
