package io.apogee.client.producer;

/**
 * Remembers how sends to each broker went and says which brokers to avoid for now. Called from many
 * sending threads at once; implementations must be thread-safe and cheap (it sits on every send).
 */
public interface BrokerFaultStrategy {
    /**
     * Records one send.
     *
     * @param latencyMillis how long the send took
     * @param failed whether it failed (no connection, time-out, or an error worth a retry)
     */
    void record(String brokerName, long latencyMillis, boolean failed);

    /** Whether sends should go to {@code brokerName} now. */
    boolean isAvailable(String brokerName);

    /** A strategy that never avoids a broker (only a retry moves away from the broker that just failed). */
    static BrokerFaultStrategy none() {
        return new BrokerFaultStrategy() {
            @Override
            public void record(String brokerName, long latencyMillis, boolean failed) {
            }

            @Override
            public boolean isAvailable(String brokerName) {
                return true;
            }
        };
    }
}
