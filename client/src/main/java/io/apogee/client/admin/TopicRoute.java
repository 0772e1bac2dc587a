package io.apogee.client.admin;

import io.apogee.remoting.protocol.body.QueueData;
import java.util.List;

/**
 * Where a topic lives ({@code GET_ROUTEINFO_BY_TOPIC}): its queues per broker name and those brokers'
 * nodes. Immutable.
 *
 * @param orderTopicConf {@code brokerName:queues[;...]} for an ordered topic, or null
 */
public record TopicRoute(String topic, List<QueueData> queues, List<Broker> brokers, String orderTopicConf) {
    public TopicRoute {
        queues = List.copyOf(queues);
        brokers = List.copyOf(brokers);
    }

    /** The master address of {@code brokerName}, or null when the route has no master for it. */
    public String masterAddr(String brokerName) {
        return brokers.stream().filter(b -> b.brokerName().equals(brokerName)).map(Broker::masterAddr)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The master addresses of every broker in the route, in route order. */
    public List<String> masterAddrs() {
        return brokers.stream().map(Broker::masterAddr).filter(java.util.Objects::nonNull).toList();
    }
}
