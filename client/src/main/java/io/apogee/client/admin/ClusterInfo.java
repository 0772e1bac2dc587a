package io.apogee.client.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clusters a name server knows ({@code GET_BROKER_CLUSTER_INFO}). Immutable.
 *
 * @param clusters cluster name to its broker names
 * @param brokers broker name to its nodes
 */
public record ClusterInfo(Map<String, Set<String>> clusters, Map<String, Broker> brokers) {
    public ClusterInfo {
        clusters = Map.copyOf(clusters.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
        brokers = Map.copyOf(brokers);
    }

    /**
     * The master addresses of {@code cluster}'s brokers, in broker-name order.
     *
     * @throws IllegalArgumentException when the name server does not know the cluster
     */
    public List<String> masterAddrs(String cluster) {
        Set<String> names = clusters.get(cluster);
        if (names == null) {
            throw new IllegalArgumentException("the name server knows no cluster " + cluster + "; known: "
                    + clusters.keySet());
        }
        return names.stream().sorted().map(brokers::get).filter(b -> b != null && b.masterAddr() != null)
                .map(Broker::masterAddr).toList();
    }
}
