package io.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.Set;

/** The answer to {@code GET_CONSUMER_CONNECTION_LIST}: a group's members and what they subscribe to. */
public record ConsumerConnection(Set<Connection> connectionSet, Map<String, SubscriptionData> subscriptionTable,
        String consumeType, String messageModel, String consumeFromWhere) {
}
