package io.apogee.remoting.protocol.body;

/** A request body does not parse as what its code requires; the message can go back as a remark. */
public final class BodyException extends Exception {
    private static final long serialVersionUID = 1L;

    public BodyException(String message) {
        super(message);
    }
}
