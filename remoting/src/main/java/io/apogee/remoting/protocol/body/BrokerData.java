package io.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes of one broker name: broker id (0 = master) to {@code ip:port}. Immutable once built; the
 * address map is sorted by id.
 */
public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs,
        boolean enableActingMaster, String zoneName) {
    public BrokerData {
        brokerAddrs = brokerAddrs == null ? new TreeMap<>() : new TreeMap<>(brokerAddrs);
    }

    /** The master's address, or null when no node has id 0. */
    public String masterAddr() {
        return brokerAddrs.get(0L);
    }
}
