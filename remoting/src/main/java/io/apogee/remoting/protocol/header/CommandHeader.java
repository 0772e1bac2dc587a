package io.apogee.remoting.protocol.header;

/**
 * A typed view of a command's ext fields: a flat record whose non-static fields are the keys.
 *
 * <p>Implementations are plain classes with a no-argument constructor. A field name is the wire key;
 * a null field is absent from the wire; {@link Required} fields must be present on decode.
 */
public interface CommandHeader {
}
