package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * The body of {@code HEART_BEAT}: a client's producer and consumer groups.
 *
 * @param clientID the client's identity, {@code ip@instance[@unit]}
 * @param heartbeatFingerprint 0 for the classic heartbeat; non-zero selects heartbeat v2
 * @param withoutSub heartbeat v2 only: subscriptions left out because they did not change
 */
public record HeartbeatData(String clientID, Set<ProducerData> producerDataSet, Set<ConsumerData> consumerDataSet,
        int heartbeatFingerprint, boolean withoutSub) {
    public HeartbeatData {
        producerDataSet = producerDataSet == null ? Set.of() : Set.copyOf(producerDataSet);
        consumerDataSet = consumerDataSet == null ? Set.of() : Set.copyOf(consumerDataSet);
    }

    /** One producer group of a client. */
    public record ProducerData(String groupName) {
    }
}
