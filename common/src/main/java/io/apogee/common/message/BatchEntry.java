package io.apogee.common.message;

/**
 * One message inside a batch send body: its flag, body and encoded properties string.
 *
 * <p>Immutable; the body array is shared, treat it as read-only.
 */
public record BatchEntry(int flag, byte[] body, String properties) {
}
