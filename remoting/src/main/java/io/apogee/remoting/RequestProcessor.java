package io.apogee.remoting;

import io.apogee.remoting.protocol.RemotingCommand;
import java.util.concurrent.CompletionStage;

/**
 * Serves the requests of one family of codes. Called on the executor it was registered with, never on
 * a network thread; implementations must be thread-safe.
 */
@FunctionalInterface
public interface RequestProcessor {
    /**
     * Processes one request. The response's opaque, response flag and serialize type are filled in by
     * the dispatcher. A stage that completes with null sends nothing (the processor answers later by
     * other means, or the request needs no answer). A {@link RequestRejectedException} becomes an error
     * response with its code; any other failure becomes {@code SYSTEM_ERROR} with a short remark.
     */
    CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception;

    /**
     * True while this processor refuses new work (for instance a store under pressure); such requests
     * are answered {@code SYSTEM_BUSY} at once.
     */
    default boolean rejectsRequests() {
        return false;
    }
}
