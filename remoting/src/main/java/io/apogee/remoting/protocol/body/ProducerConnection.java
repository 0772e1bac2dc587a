package io.apogee.remoting.protocol.body;

import java.util.Set;

/** The answer to {@code GET_PRODUCER_CONNECTION_LIST}. */
public record ProducerConnection(Set<Connection> connectionSet) {
}
