package io.apogee.remoting.protocol;

/**
 * A frame that cannot be a command: bad lengths, an unknown serialize type, a header that does not
 * parse. Nothing can be answered on such a connection, since even the opaque may be unknown.
 */
public final class FrameFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FrameFormatException(String message) {
        super(message);
    }

    public FrameFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
