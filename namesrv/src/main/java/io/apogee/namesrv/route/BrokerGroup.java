package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.BrokerData;
import java.util.TreeMap;

/** The nodes of one broker name, as the route table keeps them. Guarded by the route table's lock. */
final class BrokerGroup {
    final String cluster;
    final String brokerName;
    final TreeMap<Long, String> addrs = new TreeMap<>();
    boolean enableActingMaster;
    String zoneName;

    BrokerGroup(String cluster, String brokerName) {
        this.cluster = cluster;
        this.brokerName = brokerName;
    }

    BrokerData toData() {
        return new BrokerData(cluster, brokerName, addrs, enableActingMaster, zoneName);
    }

    /** With acting-master support, a group without a master presents its lowest id as id 0. */
    BrokerData toDataActingAsMaster() {
        TreeMap<Long, String> shown = new TreeMap<>(addrs);
        if (!shown.isEmpty() && !shown.containsKey(0L)) {
            shown.put(0L, shown.remove(shown.firstKey()));
        }
        return new BrokerData(cluster, brokerName, shown, enableActingMaster, zoneName);
    }
}
