package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * One consumer group of a client, as its heartbeat describes it.
 *
 * @param consumeType {@code CONSUME_PASSIVELY} (push), {@code CONSUME_ACTIVELY} (pull), {@code CONSUME_POP}
 * @param messageModel {@code CLUSTERING} or {@code BROADCASTING}
 * @param consumeFromWhere where a group without offsets starts
 */
public record ConsumerData(String groupName, String consumeType, String messageModel, String consumeFromWhere,
        Set<SubscriptionData> subscriptionDataSet, boolean unitMode) {
    public ConsumerData {
        subscriptionDataSet = subscriptionDataSet == null ? Set.of() : Set.copyOf(subscriptionDataSet);
    }

    public boolean isClustering() {
        return !"BROADCASTING".equals(messageModel);
    }
}
