package io.apogee.common.message;

/** Bytes that do not form a valid stored-message record; the message names the bad value. */
public final class CorruptRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
