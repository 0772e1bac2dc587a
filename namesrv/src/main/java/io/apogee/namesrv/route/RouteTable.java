package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.BrokerMemberGroup;
import io.apogee.remoting.protocol.body.ClusterInfo;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics, brokers, clusters and the liveness of broker nodes: everything routes are made of.
 *
 * <p>Thread-safe. One read-write lock guards the tables; writers hold it only for in-memory updates
 * (no I/O, no encoding), so route reads never wait long. {@link #generation()} changes whenever a
 * route could have changed, which lets callers cache encoded routes.
 */
public final class RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);
    /** How long a node counts as live without news, unless its registration says otherwise. */
    public static final long DEFAULT_BROKER_TIMEOUT_MILLIS = 120_000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock read = lock.readLock();
    private final Lock write = lock.writeLock();
    private final Map<String, Map<String, QueueData>> topicQueues = new HashMap<>();
    private final Map<String, BrokerGroup> brokers = new HashMap<>();
    private final Map<String, Set<String>> clusters = new HashMap<>();
    private final Map<BrokerKey, LiveBroker> live = new HashMap<>();
    private final Map<BrokerKey, List<String>> filterServers = new HashMap<>();
    private final Map<String, Map<String, Object>> queueMappings = new HashMap<>();
    private final LongSupplier clock;
    private final boolean supportActingMaster;
    private final boolean deleteTopicWithBrokerRegistration;
    private volatile long generation;

    public RouteTable(LongSupplier clock, boolean supportActingMaster, boolean deleteTopicWithBrokerRegistration) {
        this.clock = clock;
        this.supportActingMaster = supportActingMaster;
        this.deleteTopicWithBrokerRegistration = deleteTopicWithBrokerRegistration;
    }

    /** Changes whenever any route, broker or cluster may have changed. */
    public long generation() {
        return generation;
    }

    public RegistrationResult register(Registration r) {
        write.lock();
        try {
            boolean changed = false;
            changed |= clusters.computeIfAbsent(r.clusterName(), c -> new TreeSet<>()).add(r.brokerName());
            BrokerGroup group = brokers.get(r.brokerName());
            if (group == null) {
                group = new BrokerGroup(r.clusterName(), r.brokerName());
                brokers.put(r.brokerName(), group);
                changed = true;
            }
            if (group.enableActingMaster != r.enableActingMaster()) {
                group.enableActingMaster = r.enableActingMaster();
                changed = true;
            }
            if (r.zoneName() != null && !r.zoneName().equals(group.zoneName)) {
                group.zoneName = r.zoneName();
                changed = true;
            }
            // A node that moved from one id to another (a slave promoted) keeps one entry only.
            changed |= group.addrs.entrySet().removeIf(e -> e.getValue().equals(r.brokerAddr()) && e.getKey() != r.brokerId());

            DataVersion version = r.topics().dataVersion();
            String previousAddr = group.addrs.get(r.brokerId());
            if (previousAddr != null && !previousAddr.equals(r.brokerAddr())) {
                LiveBroker previous = live.get(new BrokerKey(r.clusterName(), previousAddr));
                if (previous != null && previous.dataVersion.stateVersion() > version.stateVersion()) {
                    LOG.warn("ignoring registration of {} as {}/{}: {} holds that id with a newer state version",
                            r.brokerAddr(), r.brokerName(), r.brokerId(), previousAddr);
                    bumpIf(changed);
                    return RegistrationResult.TAKEN;
                }
            }
            if (previousAddr == null && r.topics().topicConfigTable().size() == 1) {
                // One topic alone is an incremental registration, only meaningful after a full one.
                bumpIf(changed);
                return RegistrationResult.refused("register broker failed");
            }
            boolean firstTime = !r.brokerAddr().equals(group.addrs.put(r.brokerId(), r.brokerAddr()));
            changed |= firstTime;

            BrokerKey key = new BrokerKey(r.clusterName(), r.brokerAddr());
            LiveBroker before = live.get(key);
            boolean isMaster = r.brokerId() == 0;
            boolean isPrimeSlave = !isMaster && supportActingMaster && group.addrs.firstKey() == r.brokerId();
            if (isMaster || isPrimeSlave) {
                boolean versionChanged = firstTime || before == null || !before.dataVersion.equals(version);
                for (TopicConfig topic : r.topics().topicConfigTable().values()) {
                    changed |= upsertQueueData(topic, r.brokerName(), versionChanged,
                            isPrimeSlave && group.enableActingMaster);
                }
                if (deleteTopicWithBrokerRegistration && versionChanged) {
                    changed |= dropTopicsNotIn(r.brokerName(), r.topics().topicConfigTable().keySet());
                }
                if (versionChanged && r.topics().topicQueueMappingInfoMap() != null) {
                    for (Map.Entry<String, Object> mapping : r.topics().topicQueueMappingInfoMap().entrySet()) {
                        queueMappings.computeIfAbsent(mapping.getKey(), t -> new HashMap<>())
                                .put(r.brokerName(), mapping.getValue());
                        changed = true;
                    }
                }
            }
            long timeout = r.timeoutMillis() == null || r.timeoutMillis() <= 0
                    ? DEFAULT_BROKER_TIMEOUT_MILLIS : r.timeoutMillis();
            live.put(key, new LiveBroker(r.brokerName(), r.brokerId(), timeout, version, r.channel(),
                    r.haServerAddr(), clock.getAsLong()));
            if (r.filterServerList().isEmpty()) {
                changed |= filterServers.remove(key) != null;
            } else {
                changed |= !r.filterServerList().equals(filterServers.put(key, List.copyOf(r.filterServerList())));
            }
            bumpIf(changed);
            if (!isMaster) {
                String masterAddr = group.addrs.get(0L);
                LiveBroker master = masterAddr == null ? null : live.get(new BrokerKey(r.clusterName(), masterAddr));
                if (master != null) {
                    return new RegistrationResult(null, masterAddr, master.haServerAddr);
                }
            }
            return RegistrationResult.TAKEN;
        } finally {
            write.unlock();
        }
    }

    private boolean upsertQueueData(TopicConfig topic, String brokerName, boolean versionChanged, boolean readOnly) {
        Map<String, QueueData> queues = topicQueues.computeIfAbsent(topic.topicName(), t -> new LinkedHashMap<>());
        QueueData existing = queues.get(brokerName);
        if (existing != null && !versionChanged) {
            return false;
        }
        int perm = readOnly ? topic.perm() & ~Permission.WRITE : topic.perm();
        QueueData fresh = new QueueData(brokerName, perm, topic.readQueueNums(), topic.topicSysFlag(),
                topic.writeQueueNums());
        if (fresh.equals(existing)) {
            return false;
        }
        queues.put(brokerName, fresh);
        return true;
    }

    private boolean dropTopicsNotIn(String brokerName, Set<String> kept) {
        boolean changed = false;
        for (Iterator<Map.Entry<String, Map<String, QueueData>>> it = topicQueues.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<String, QueueData>> topic = it.next();
            if (!kept.contains(topic.getKey()) && topic.getValue().remove(brokerName) != null) {
                changed = true;
                if (topic.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
        return changed;
    }

    /** Forgets a node, as when it unregisters, its connection closes or it expires. */
    public void unregister(String clusterName, String brokerAddr, String brokerName) {
        write.lock();
        try {
            removeNode(clusterName, brokerAddr, brokerName);
            generation++;
        } finally {
            write.unlock();
        }
    }

    private void removeNode(String clusterName, String brokerAddr, String brokerName) {
        BrokerKey key = new BrokerKey(clusterName, brokerAddr);
        live.remove(key);
        filterServers.remove(key);
        BrokerGroup group = brokers.get(brokerName);
        if (group == null) {
            return;
        }
        group.addrs.values().removeIf(brokerAddr::equals);
        if (group.addrs.isEmpty()) {
            brokers.remove(brokerName);
            Set<String> names = clusters.get(group.cluster);
            if (names != null && names.remove(brokerName) && names.isEmpty()) {
                clusters.remove(group.cluster);
            }
            for (Iterator<Map<String, QueueData>> it = topicQueues.values().iterator(); it.hasNext(); ) {
                Map<String, QueueData> queues = it.next();
                queues.remove(brokerName);
                if (queues.isEmpty()) {
                    it.remove();
                }
            }
            LOG.info("broker {} of cluster {} is gone: its queues left every route", brokerName, group.cluster);
        } else if (supportActingMaster && group.enableActingMaster && !group.addrs.containsKey(0L)) {
            for (Map<String, QueueData> queues : topicQueues.values()) {
                queues.computeIfPresent(brokerName, (n, q) -> q.withPerm(q.perm() & ~Permission.WRITE));
            }
        }
    }

    /** Forgets every node registered over {@code channel}. */
    public void unregisterChannel(Channel channel) {
        write.lock();
        try {
            List<BrokerKey> gone = new ArrayList<>();
            live.forEach((key, node) -> {
                if (node.channel == channel) {
                    gone.add(key);
                }
            });
            for (BrokerKey key : gone) {
                LOG.info("connection of broker {} closed: unregistering it", key.brokerAddr());
                removeNode(key.clusterName(), key.brokerAddr(), live.get(key).brokerName);
            }
            if (!gone.isEmpty()) {
                generation++;
            }
        } finally {
            write.unlock();
        }
    }

    /**
     * Forgets every node not heard from within its timeout.
     *
     * @return the channels of the expired nodes, for the caller to close
     */
    public List<Channel> expire() {
        long now = clock.getAsLong();
        List<BrokerKey> expired = new ArrayList<>();
        read.lock();
        try {
            live.forEach((key, node) -> {
                if (node.expiredAt(now)) {
                    expired.add(key);
                }
            });
        } finally {
            read.unlock();
        }
        if (expired.isEmpty()) {
            return List.of();
        }
        List<Channel> channels = new ArrayList<>();
        write.lock();
        try {
            for (BrokerKey key : expired) {
                LiveBroker node = live.get(key);
                if (node != null && node.expiredAt(now)) {
                    LOG.warn("broker {} not heard from for {} ms: unregistering it", key.brokerAddr(), node.timeoutMillis);
                    removeNode(key.clusterName(), key.brokerAddr(), node.brokerName);
                    if (node.channel != null) {
                        channels.add(node.channel);
                    }
                }
            }
            generation++;
        } finally {
            write.unlock();
        }
        return channels;
    }

    /** Refreshes a node's liveness; false when the node is not registered. */
    public boolean heartbeat(String clusterName, String brokerAddr) {
        read.lock();
        try {
            LiveBroker node = live.get(new BrokerKey(clusterName, brokerAddr));
            if (node == null) {
                return false;
            }
            node.lastUpdateMillis = clock.getAsLong();
            return true;
        } finally {
            read.unlock();
        }
    }

    /** The stored data version of a live node (refreshing its liveness), or null when it is not live. */
    public DataVersion liveDataVersion(String clusterName, String brokerAddr) {
        read.lock();
        try {
            LiveBroker node = live.get(new BrokerKey(clusterName, brokerAddr));
            if (node == null) {
                return null;
            }
            node.lastUpdateMillis = clock.getAsLong();
            return node.dataVersion;
        } finally {
            read.unlock();
        }
    }

    /** The route of {@code topic}, or null when no live broker serves it. */
    public TopicRouteData route(String topic) {
        read.lock();
        try {
            Map<String, QueueData> queues = topicQueues.get(topic);
            if (queues == null || queues.isEmpty()) {
                return null;
            }
            List<BrokerData> brokerDatas = new ArrayList<>(queues.size());
            Map<String, List<String>> filters = new HashMap<>();
            for (QueueData queue : queues.values()) {
                BrokerGroup group = brokers.get(queue.brokerName());
                if (group == null) {
                    continue;
                }
                boolean actAsMaster = supportActingMaster && !Permission.isWritable(queue.perm());
                brokerDatas.add(actAsMaster ? group.toDataActingAsMaster() : group.toData());
                if (!filterServers.isEmpty()) {
                    for (String addr : group.addrs.values()) {
                        List<String> servers = filterServers.get(new BrokerKey(group.cluster, addr));
                        if (servers != null) {
                            filters.put(addr, servers);
                        }
                    }
                }
            }
            if (brokerDatas.isEmpty()) {
                return null;
            }
            Map<String, Object> mappings = queueMappings.get(topic);
            return new TopicRouteData(null, new ArrayList<>(queues.values()), brokerDatas, filters,
                    mappings == null ? null : new HashMap<>(mappings));
        } finally {
            read.unlock();
        }
    }

    public ClusterInfo clusterInfo() {
        read.lock();
        try {
            Map<String, BrokerData> byName = new TreeMap<>();
            brokers.forEach((name, group) -> byName.put(name, group.toData()));
            Map<String, Set<String>> byCluster = new TreeMap<>();
            clusters.forEach((cluster, names) -> byCluster.put(cluster, new TreeSet<>(names)));
            return new ClusterInfo(byName, byCluster);
        } finally {
            read.unlock();
        }
    }

    /** Every topic that has queues somewhere. */
    public Set<String> topics() {
        read.lock();
        try {
            return new TreeSet<>(topicQueues.keySet());
        } finally {
            read.unlock();
        }
    }

    /** Topics with queues on any broker of {@code cluster}. */
    public Set<String> topicsOfCluster(String cluster) {
        read.lock();
        try {
            Set<String> names = clusters.getOrDefault(cluster, Set.of());
            Set<String> topics = new TreeSet<>();
            topicQueues.forEach((topic, queues) -> {
                for (String brokerName : queues.keySet()) {
                    if (names.contains(brokerName)) {
                        topics.add(topic);
                        break;
                    }
                }
            });
            return topics;
        } finally {
            read.unlock();
        }
    }

    /** Cluster and broker names (the topics brokers register after themselves), and some broker address. */
    public SystemTopics systemTopics() {
        read.lock();
        try {
            Set<String> names = new TreeSet<>(clusters.keySet());
            String someAddr = null;
            for (BrokerGroup group : brokers.values()) {
                names.add(group.brokerName);
                if (someAddr == null && !group.addrs.isEmpty()) {
                    someAddr = group.addrs.firstEntry().getValue();
                }
            }
            return new SystemTopics(names, someAddr);
        } finally {
            read.unlock();
        }
    }

    /** The cluster and broker names, with an address of some broker (null when there is none). */
    public record SystemTopics(Set<String> names, String someBrokerAddr) {
    }

    /** Topics whose first queue data's sysflag satisfies {@code flagTest}. */
    public Set<String> topicsBySysFlag(IntPredicate flagTest) {
        read.lock();
        try {
            Set<String> topics = new TreeSet<>();
            topicQueues.forEach((topic, queues) -> {
                if (!queues.isEmpty() && flagTest.test(queues.values().iterator().next().topicSysFlag())) {
                    topics.add(topic);
                }
            });
            return topics;
        } finally {
            read.unlock();
        }
    }

    /** Clears the write bit of every queue of {@code brokerName}; returns how many topics it touched. */
    public int wipeWritePerm(String brokerName) {
        return changePerm(brokerName, perm -> perm & ~Permission.WRITE);
    }

    /** Makes every queue of {@code brokerName} readable and writable; returns how many topics it touched. */
    public int addWritePerm(String brokerName) {
        return changePerm(brokerName, perm -> Permission.READ_WRITE);
    }

    private int changePerm(String brokerName, java.util.function.IntUnaryOperator change) {
        write.lock();
        try {
            int touched = 0;
            for (Map<String, QueueData> queues : topicQueues.values()) {
                QueueData queue = queues.get(brokerName);
                if (queue != null) {
                    queues.put(brokerName, queue.withPerm(change.applyAsInt(queue.perm())));
                    touched++;
                }
            }
            generation++;
            return touched;
        } finally {
            write.unlock();
        }
    }

    /** Drops {@code topic}: from the brokers of {@code cluster} only when a cluster is named. */
    public void deleteTopic(String topic, String cluster) {
        write.lock();
        try {
            if (cluster == null || cluster.isBlank()) {
                topicQueues.remove(topic);
            } else {
                Map<String, QueueData> queues = topicQueues.get(topic);
                if (queues != null) {
                    queues.keySet().removeAll(clusters.getOrDefault(cluster, Set.of()));
                    if (queues.isEmpty()) {
                        topicQueues.remove(topic);
                    }
                }
            }
            queueMappings.remove(topic);
            generation++;
        } finally {
            write.unlock();
        }
    }

    /** Replaces the queues of known brokers for {@code topic}; ignored whole if any broker is unknown. */
    public boolean registerTopic(String topic, List<QueueData> queueDatas) {
        write.lock();
        try {
            for (QueueData queue : queueDatas) {
                if (!brokers.containsKey(queue.brokerName())) {
                    return false;
                }
            }
            Map<String, QueueData> queues = topicQueues.computeIfAbsent(topic, t -> new LinkedHashMap<>());
            for (QueueData queue : queueDatas) {
                queues.put(queue.brokerName(), queue);
            }
            generation++;
            return true;
        } finally {
            write.unlock();
        }
    }

    public BrokerMemberGroup memberGroup(String cluster, String brokerName) {
        read.lock();
        try {
            BrokerGroup group = brokers.get(brokerName);
            return new BrokerMemberGroup(cluster, brokerName, group == null ? Map.of() : group.addrs);
        } finally {
            read.unlock();
        }
    }

    /** Broker names that currently have nodes (for tests and metrics). */
    public Set<String> brokerNames() {
        read.lock();
        try {
            return new HashSet<>(brokers.keySet());
        } finally {
            read.unlock();
        }
    }

    private void bumpIf(boolean changed) {
        if (changed) {
            generation++;
        }
    }
}
