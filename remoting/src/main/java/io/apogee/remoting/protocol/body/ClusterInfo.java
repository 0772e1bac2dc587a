package io.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.Set;

/** Every broker by name, and the broker names of every cluster. */
public record ClusterInfo(Map<String, BrokerData> brokerAddrTable, Map<String, Set<String>> clusterAddrTable) {
    public ClusterInfo {
        brokerAddrTable = brokerAddrTable == null ? Map.of() : brokerAddrTable;
        clusterAddrTable = clusterAddrTable == null ? Map.of() : clusterAddrTable;
    }
}
