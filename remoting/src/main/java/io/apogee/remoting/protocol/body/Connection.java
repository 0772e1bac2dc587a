package io.apogee.remoting.protocol.body;

/**
 * One client connection in a connection list.
 *
 * @param version the client's remoting version number (mqadmin prints its name)
 */
public record Connection(String clientId, String clientAddr, String language, int version) {
}
