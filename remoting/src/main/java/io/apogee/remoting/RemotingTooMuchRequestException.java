package io.apogee.remoting;

/** Too many asynchronous or oneway calls are in flight: the caller should slow down. */
public final class RemotingTooMuchRequestException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingTooMuchRequestException(String message) {
        super(message);
    }
}
