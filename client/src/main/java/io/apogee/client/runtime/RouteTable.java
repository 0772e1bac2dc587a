package io.apogee.client.runtime;

import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The routes a client knows, by topic, and the broker addresses gathered from all of them
 * ({@code brokerName -> {brokerId -> host:port}}). Thread-safe: concurrent maps whose values are
 * immutable; a route update replaces whole values, so readers never see half an update.
 */
public final class RouteTable {
    private final ConcurrentMap<String, TopicRouteData> routes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<Long, String>> brokers = new ConcurrentHashMap<>();

    /** The cached route of {@code topic}, or null. */
    public TopicRouteData route(String topic) {
        return routes.get(topic);
    }

    /**
     * Caches {@code route} for {@code topic} and learns its broker addresses.
     *
     * @return true when the route differs from the cached one (a new route, or a changed one)
     */
    public boolean put(String topic, TopicRouteData route) {
        for (BrokerData broker : route.brokerDatas()) {
            brokers.put(broker.brokerName(), Map.copyOf(new TreeMap<>(broker.brokerAddrs())));
        }
        // An unchanged route keeps its cached object, so that what producers derived from it (their
        // publish queues and round-robin position) stays valid across polls.
        TopicRouteData previous = routes.get(topic);
        if (route.equals(previous)) {
            return false;
        }
        routes.put(topic, route);
        return true;
    }

    public void remove(String topic) {
        routes.remove(topic);
    }

    public Set<String> topics() {
        return Set.copyOf(routes.keySet());
    }

    /** The master (id 0) address of {@code brokerName}, or null when unknown. */
    public String masterAddr(String brokerName) {
        Map<Long, String> addrs = brokers.get(brokerName);
        return addrs == null ? null : addrs.get(0L);
    }

    /** Every known broker address, or only masters. */
    public Set<String> brokerAddrs(boolean mastersOnly) {
        Set<String> out = new HashSet<>();
        for (Map<Long, String> addrs : brokers.values()) {
            if (mastersOnly) {
                String master = addrs.get(0L);
                if (master != null) {
                    out.add(master);
                }
            } else {
                out.addAll(addrs.values());
            }
        }
        return out;
    }

    /** The broker name that has {@code address} among its nodes, or null. */
    public String brokerNameOf(String address) {
        for (Map.Entry<String, Map<Long, String>> e : brokers.entrySet()) {
            if (e.getValue().containsValue(address)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Forgets broker names that no cached route mentions any more (02 section 10: stale brokers), so that
     * heartbeats stop going to brokers that left.
     */
    public void forgetStaleBrokers() {
        Set<String> live = new HashSet<>();
        for (TopicRouteData route : routes.values()) {
            for (BrokerData broker : route.brokerDatas()) {
                live.add(broker.brokerName());
            }
        }
        brokers.keySet().retainAll(live);
    }
}
