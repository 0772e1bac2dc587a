package io.apogee.client.admin;

import io.apogee.remoting.protocol.body.BrokerData;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One broker name and its nodes, as a name server lists it. Immutable.
 *
 * @param addrs broker id (0 = master) to {@code host:port}, sorted by id
 */
public record Broker(String cluster, String brokerName, SortedMap<Long, String> addrs) {
    public Broker {
        addrs = Collections.unmodifiableSortedMap(new TreeMap<>(addrs));
    }

    static Broker of(BrokerData data) {
        Map<Long, String> addrs = data.brokerAddrs() == null ? Map.of() : data.brokerAddrs();
        return new Broker(data.cluster(), data.brokerName(), new TreeMap<>(addrs));
    }

    /** The master's address, or null when the broker name has no master now. */
    public String masterAddr() {
        return addrs.get(0L);
    }
}
