package io.apogee.namesrv.route;

import io.apogee.common.metadata.DataVersion;
import io.netty.channel.Channel;

/**
 * What the name server remembers of a registered broker node between registrations. Guarded by the
 * route table's lock, except {@code lastUpdateMillis}, which heartbeats refresh under the read lock.
 */
final class LiveBroker {
    final String brokerName;
    final long brokerId;
    final long timeoutMillis;
    final DataVersion dataVersion;
    final Channel channel;
    final String haServerAddr;
    volatile long lastUpdateMillis;

    LiveBroker(String brokerName, long brokerId, long timeoutMillis, DataVersion dataVersion, Channel channel,
            String haServerAddr, long nowMillis) {
        this.brokerName = brokerName;
        this.brokerId = brokerId;
        this.timeoutMillis = timeoutMillis;
        this.dataVersion = dataVersion;
        this.channel = channel;
        this.haServerAddr = haServerAddr;
        this.lastUpdateMillis = nowMillis;
    }

    boolean expiredAt(long nowMillis) {
        return lastUpdateMillis + timeoutMillis < nowMillis;
    }
}
