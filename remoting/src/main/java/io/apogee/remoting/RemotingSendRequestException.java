package io.apogee.remoting;

/** The request could not be written to the connection. */
public final class RemotingSendRequestException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingSendRequestException(String address, Throwable cause) {
        super("sending a request to <" + address + "> failed", cause);
    }
}
