package io.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.TreeMap;

/** The nodes of one broker name, as {@code GET_BROKER_MEMBER_GROUP} answers. */
public record BrokerMemberGroup(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
    public BrokerMemberGroup {
        brokerAddrs = brokerAddrs == null ? new TreeMap<>() : new TreeMap<>(brokerAddrs);
    }

    /** The response body that wraps it. */
    public record Response(BrokerMemberGroup brokerMemberGroup) {
    }
}
