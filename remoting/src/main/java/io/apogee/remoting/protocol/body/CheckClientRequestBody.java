package io.apogee.remoting.protocol.body;

/**
 * The body of {@code CHECK_CLIENT_CONFIG}: one non-TAG subscription a consumer is about to use, for
 * the broker to accept or refuse before the consumer starts. Immutable.
 */
public record CheckClientRequestBody(String clientId, String group, SubscriptionData subscriptionData,
        String namespace) {
}
