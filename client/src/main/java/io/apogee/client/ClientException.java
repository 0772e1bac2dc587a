package io.apogee.client;

/**
 * A client operation failed: no route, no broker reachable, a time-out, or an error answer. Unchecked,
 * so that it can also complete a {@link java.util.concurrent.CompletableFuture} and be rethrown by the
 * synchronous calls as is. Immutable.
 */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
