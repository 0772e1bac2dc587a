package io.apogee.remoting;

/** No connection to the peer could be made, or it closed before the response arrived. */
public final class RemotingConnectException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingConnectException(String address, String why) {
        super("connection to <" + address + "> failed: " + why);
    }
}
