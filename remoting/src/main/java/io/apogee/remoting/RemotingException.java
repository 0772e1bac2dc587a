package io.apogee.remoting;

/** A remote call failed; the subclass says how. */
public class RemotingException extends Exception {
    private static final long serialVersionUID = 1L;

    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }
}
