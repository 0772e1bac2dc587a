package io.apogee.client.target;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.Awaitility;

/**
 * The part of a target both kinds share: topics and groups are made with the official mqadmin
 * library, which neither target's code under test provides, so a fixture bug cannot hide a client
 * bug.
 */
abstract class AdminTarget implements Target {
    private final String name;
    private final String namesrvAddr;
    private final Map<String, String> brokerAddrs;
    private final DefaultMQAdminExt admin;

    AdminTarget(String name, String namesrvAddr, Map<String, String> brokerAddrs) {
        this.name = name;
        this.namesrvAddr = namesrvAddr;
        this.brokerAddrs = brokerAddrs;
        this.admin = new DefaultMQAdminExt("target_admin_" + name);
        admin.setNamesrvAddr(namesrvAddr);
        admin.setInstanceName("target-admin-" + name);
        try {
            admin.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fixture's admin client for " + name, e);
        }
        // Producers derive new topics from TBW102: wait until every broker has registered it.
        awaitRoute("TBW102", -1);
    }

    private void awaitRoute(String topic, int writeQueues) {
        Awaitility.await(topic + " route on " + name).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    TopicRouteData route = admin.examineTopicRouteInfo(topic);
                    return route.getBrokerDatas().size() == brokerAddrs.size()
                            && route.getQueueDatas().size() == brokerAddrs.size()
                            && (writeQueues < 0 || route.getQueueDatas().stream()
                                    .allMatch(q -> q.getWriteQueueNums() == writeQueues));
                });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String namesrvAddr() {
        return namesrvAddr;
    }

    @Override
    public String clusterName() {
        return Targets.CLUSTER;
    }

    @Override
    public List<String> brokerNames() {
        return List.copyOf(brokerAddrs.keySet());
    }

    @Override
    public String brokerAddr(String brokerName) {
        String addr = brokerAddrs.get(brokerName);
        if (addr == null) {
            throw new IllegalArgumentException("no broker " + brokerName + " in target " + name);
        }
        return addr;
    }

    @Override
    public void createTopic(String topic, int queuesPerBroker) {
        try {
            for (String addr : brokerAddrs.values()) {
                admin.createAndUpdateTopicConfig(addr, new TopicConfig(topic, queuesPerBroker, queuesPerBroker, 6));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + " on " + name, e);
        }
        awaitRoute(topic, queuesPerBroker);
    }

    @Override
    public void createGroup(String group) {
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName(group);
        try {
            for (String addr : brokerAddrs.values()) {
                admin.createAndUpdateSubscriptionGroupConfig(addr, config);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create group " + group + " on " + name, e);
        }
    }

    @Override
    public MessageExt viewMessage(String topic, String offsetMsgId) {
        try {
            return admin.viewMessage(topic, offsetMsgId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot view message " + offsetMsgId + " of " + topic + " on " + name, e);
        }
    }

    @Override
    public long messageCount(String topic) {
        try {
            long total = 0;
            for (TopicOffset offset : admin.examineTopicStats(topic).getOffsetTable().values()) {
                total += offset.getMaxOffset() - offset.getMinOffset();
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the stats of " + topic + " on " + name, e);
        }
    }

    @Override
    public java.util.Set<String> producerClientIds(String group, String topic) {
        try {
            java.util.Set<String> ids = new java.util.TreeSet<>();
            admin.examineProducerConnectionInfo(group, topic).getConnectionSet().forEach(c -> ids.add(c.getClientId()));
            return ids;
        } catch (Exception e) {
            return java.util.Set.of();
        }
    }

    @Override
    public DefaultMQAdminExt admin() {
        return admin;
    }

    /** Stops the fixture's admin client, then the daemons. */
    void close() {
        admin.shutdown();
        stopDaemons();
    }

    abstract void stopDaemons();

    @Override
    public String toString() {
        return name;
    }
}
