package io.apogee.client.consumer;

import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocation of subscribed topics. Broadcasting: every readable queue of each topic's route.
 * Clustering (shared/protocol/03-broker-client.md section 8): for each topic, the readable queues of
 * its route and the group's members from a broker ({@code GET_CONSUMER_LIST_BY_GROUP}), both sorted,
 * go through the {@link AllocateStrategy}; the result becomes this consumer's queues of the topic.
 * Runs on the control executor only (it blocks there for its calls), so one rebalance at a time.
 * Thread-confined to that executor.
 */
final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final ConsumerSettings config;
    private final boolean broadcasting;
    private final String clientId;
    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final Assignments assignments;

    Rebalancer(ConsumerSettings config, boolean broadcasting, String clientId, ConsumerBrokerApi api,
            RouteService routes, Assignments assignments) {
        this.config = config;
        this.broadcasting = broadcasting;
        this.clientId = clientId;
        this.api = api;
        this.routes = routes;
        this.assignments = assignments;
    }

    /** Re-allocates every topic in {@code topics}; a topic whose route or members cannot be read keeps its queues. */
    void rebalance(Set<String> topics) {
        for (String topic : topics) {
            try {
                rebalance(topic);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (topic.startsWith(PushMessages.RETRY_PREFIX)) {
                    // The broker creates a group's retry topic on demand: until then it has no route.
                    LOG.debug("rebalance of group {} on topic {} failed: {}", config.consumerGroup(), topic,
                            e.toString());
                } else {
                    LOG.warn("rebalance of group {} on topic {} failed: {}", config.consumerGroup(), topic,
                            e.toString());
                }
            }
        }
    }

    private void rebalance(String topic) throws Exception {
        long timeout = config.client().mqClientApiTimeoutMillis() * 2;
        TopicRouteData route = routes.table().route(topic);
        if (route == null) {
            route = routes.refresh(topic, false).get(timeout, TimeUnit.MILLISECONDS);
        }
        List<MessageQueue> all = readableQueues(topic, route);
        if (broadcasting) {
            assignments.update(queue -> queue.topic().equals(topic), Set.copyOf(all));
            return;
        }
        List<String> members = null;
        Exception last = null;
        for (MessageQueue queue : all) {
            String addr = routes.table().masterAddr(queue.brokerName());
            if (addr == null) {
                continue;
            }
            try {
                members = new ArrayList<>(api.consumerList(addr).get(timeout, TimeUnit.MILLISECONDS));
                break;
            } catch (Exception e) {
                last = e;
            }
        }
        if (members == null) {
            throw last != null ? last : new IllegalStateException("no broker of topic " + topic + " to ask");
        }
        members.sort(null);
        Set<MessageQueue> mine = new HashSet<>(config.allocateStrategy().allocate(config.consumerGroup(), clientId,
                all, members));
        assignments.update(queue -> queue.topic().equals(topic), mine);
    }

    /** The readable queues of {@code topic} on brokers with a master, sorted. */
    static List<MessageQueue> readableQueues(String topic, TopicRouteData route) {
        Set<String> withMaster = new HashSet<>();
        route.brokerDatas().forEach(b -> {
            if (b.brokerAddrs().containsKey(0L)) {
                withMaster.add(b.brokerName());
            }
        });
        List<MessageQueue> out = new ArrayList<>();
        for (QueueData data : route.queueDatas()) {
            if (!Permission.isReadable(data.perm()) || !withMaster.contains(data.brokerName())) {
                continue;
            }
            for (int id = 0; id < data.readQueueNums(); id++) {
                out.add(new MessageQueue(topic, data.brokerName(), id));
            }
        }
        out.sort(null);
        return out;
    }
}
