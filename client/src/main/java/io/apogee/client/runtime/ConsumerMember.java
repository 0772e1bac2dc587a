package io.apogee.client.runtime;

import io.apogee.remoting.protocol.body.ConsumerData;
import java.util.Set;

/**
 * A consumer group registered with a {@link ClientRuntime} (the push and lite-pull consumers): what
 * the runtime needs to describe it in heartbeats, to keep the routes of its subscriptions fresh and to
 * tell it that its group changed. Implementations are called from the runtime's threads
 * and must be thread-safe.
 */
public interface ConsumerMember {
    String group();

    /** The group as heartbeats describe it: consume type, model, where to start, subscriptions. */
    ConsumerData consumerData();

    /** Topics whose routes are polled (without the default-topic fallback), {@code %RETRY%} ones included. */
    Set<String> subscribedTopics();

    /**
     * The broker says the group's membership or subscriptions changed ({@code NOTIFY_CONSUMER_IDS_CHANGED});
     * the consumer rebalances. Called on a remoting worker thread; return quickly.
     */
    default void onConsumerIdsChanged() {
    }
}
