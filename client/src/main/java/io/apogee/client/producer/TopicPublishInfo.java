package io.apogee.client.producer;

import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The queues a producer may write to for one topic, derived from one route
 * (shared/protocol/02-namesrv.md section 10): writable queues of brokers that have a master, in
 * broker-name order, or the queues {@code orderTopicConf} lists. Also the round-robin position, which
 * starts at a random queue so that producers spread. Thread-safe: immutable but for an atomic counter.
 */
final class TopicPublishInfo {
    private final TopicRouteData route;
    private final List<MessageQueue> queues;
    private final AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    private TopicPublishInfo(TopicRouteData route, List<MessageQueue> queues) {
        this.route = route;
        this.queues = List.copyOf(queues);
    }

    static TopicPublishInfo of(String topic, TopicRouteData route) {
        List<MessageQueue> queues = new ArrayList<>();
        String orderConf = route.orderTopicConf();
        if (orderConf != null && !orderConf.isBlank()) {
            for (String entry : orderConf.split(";")) {
                String[] parts = entry.split(":");
                if (parts.length == 2) {
                    int nums = Integer.parseInt(parts[1].trim());
                    for (int i = 0; i < nums; i++) {
                        queues.add(new MessageQueue(topic, parts[0].trim(), i));
                    }
                }
            }
            return new TopicPublishInfo(route, queues);
        }
        Set<String> withMaster = route.brokerDatas().stream().filter(b -> b.masterAddr() != null)
                .map(BrokerData::brokerName).collect(Collectors.toSet());
        List<QueueData> sorted = new ArrayList<>(route.queueDatas());
        sorted.sort(Comparator.comparing(QueueData::brokerName));
        for (QueueData q : sorted) {
            if (!Permission.isWritable(q.perm()) || !withMaster.contains(q.brokerName())) {
                continue;
            }
            for (int i = 0; i < q.writeQueueNums(); i++) {
                queues.add(new MessageQueue(topic, q.brokerName(), i));
            }
        }
        return new TopicPublishInfo(route, queues);
    }

    /** The route this was derived from; a different route object means a rebuild. */
    TopicRouteData route() {
        return route;
    }

    List<MessageQueue> queues() {
        return queues;
    }

    boolean isEmpty() {
        return queues.isEmpty();
    }

    /** The next round-robin position (callers reduce it modulo the queue count). */
    int nextIndex() {
        return next.getAndIncrement() & Integer.MAX_VALUE;
    }
}
