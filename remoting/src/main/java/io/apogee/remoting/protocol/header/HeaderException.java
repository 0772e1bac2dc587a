package io.apogee.remoting.protocol.header;

/**
 * A command's ext fields do not make a valid header: a required field is missing or a value does not
 * parse. The message names the field, so it can go to the peer as the remark of an error response.
 */
public final class HeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    public HeaderException(String message) {
        super(message);
    }
}
