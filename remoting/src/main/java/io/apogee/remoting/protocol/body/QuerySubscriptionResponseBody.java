package io.apogee.remoting.protocol.body;

/** The answer to {@code QUERY_SUBSCRIPTION_BY_CONSUMER}; {@code subscriptionData} is null when none is known. */
public record QuerySubscriptionResponseBody(String group, String topic, SubscriptionData subscriptionData) {
}
