package io.apogee.client.admin;

import io.apogee.remoting.protocol.body.Connection;
import io.apogee.remoting.protocol.body.SubscriptionData;
import java.util.Map;
import java.util.Set;

/**
 * The online members of a consumer group and what they subscribe to, as a broker knows them from
 * heartbeats ({@code GET_CONSUMER_CONNECTION_LIST}). Immutable.
 *
 * @param consumeType {@code CONSUME_ACTIVELY} (pull) or {@code CONSUME_PASSIVELY} (push)
 * @param messageModel {@code CLUSTERING} or {@code BROADCASTING}
 */
public record ConsumerConnections(String group, Set<Connection> connections,
        Map<String, SubscriptionData> subscriptions, String consumeType, String messageModel,
        String consumeFromWhere) {
    public ConsumerConnections {
        connections = Set.copyOf(connections);
        subscriptions = Map.copyOf(subscriptions);
    }

    /** The client ids of the members. */
    public Set<String> clientIds() {
        return connections.stream().map(Connection::clientId).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
