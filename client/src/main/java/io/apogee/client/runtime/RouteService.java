package io.apogee.client.runtime;

import io.apogee.client.ClientException;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps routes fresh: fetches a route on first use and on every poll, and, for topics a producer
 * publishes to that the name servers do not know yet, derives a temporary route from the default
 * topic's (shared/protocol/02-namesrv.md section 8), so that the broker can create the topic on the
 * first send. Concurrent first uses of one topic share one lookup. Thread-safe.
 */
public final class RouteService {
    /** The template topic brokers create unknown topics from ({@code createTopicKey}). */
    public static final String DEFAULT_TOPIC = "TBW102";
    /** Queues a topic created from the template gets ({@code defaultTopicQueueNums}). */
    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(RouteService.class);

    private final NameServerApi nameServers;
    private final RouteTable table = new RouteTable();
    private final ConcurrentMap<String, CompletableFuture<TopicRouteData>> inFlight = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, TopicRouteData>> listeners = new CopyOnWriteArrayList<>();

    public RouteService(NameServerApi nameServers) {
        this.nameServers = nameServers;
    }

    public RouteTable table() {
        return table;
    }

    /** Called with (topic, route) whenever a topic's route changes; for consumers' rebalancing. */
    public void addRouteListener(BiConsumer<String, TopicRouteData> listener) {
        listeners.add(listener);
    }

    /** Stops calling {@code listener} (a consumer that closed while the runtime lives on). */
    public void removeRouteListener(BiConsumer<String, TopicRouteData> listener) {
        listeners.remove(listener);
    }

    /**
     * The route to publish to {@code topic}: the cached one, or one fetched now (falling back to the
     * default topic's). Fails with a {@link ClientException} "No route info of this topic" when neither
     * exists.
     */
    public CompletableFuture<TopicRouteData> publishRoute(String topic) {
        TopicRouteData cached = table.route(topic);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return refresh(topic, true);
    }

    /**
     * Fetches {@code topic}'s route now and caches it. With {@code allowDefault}, an unknown topic gets
     * a route derived from the default topic's.
     */
    public CompletableFuture<TopicRouteData> refresh(String topic, boolean allowDefault) {
        CompletableFuture<TopicRouteData> mine = new CompletableFuture<>();
        CompletableFuture<TopicRouteData> running = inFlight.putIfAbsent(topic, mine);
        if (running != null) {
            return running;
        }
        fetch(topic, allowDefault).whenComplete((route, failure) -> {
            inFlight.remove(topic, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
                return;
            }
            if (table.put(topic, route)) {
                for (BiConsumer<String, TopicRouteData> listener : listeners) {
                    try {
                        listener.accept(topic, route);
                    } catch (RuntimeException e) {
                        LOG.warn("route listener failed for topic {}", topic, e);
                    }
                }
            }
            TopicRouteData cached = table.route(topic);
            mine.complete(cached != null ? cached : route);
        });
        return mine;
    }

    private CompletableFuture<TopicRouteData> fetch(String topic, boolean allowDefault) {
        return nameServers.routeOf(topic).thenCompose(found -> {
            if (found.isPresent() && !found.get().queueDatas().isEmpty()) {
                return CompletableFuture.completedFuture(found.get());
            }
            if (!allowDefault) {
                return CompletableFuture.failedFuture(noRoute(topic));
            }
            return nameServers.routeOf(DEFAULT_TOPIC).thenApply(template -> fromTemplate(topic, template));
        });
    }

    private static TopicRouteData fromTemplate(String topic, Optional<TopicRouteData> template) {
        if (template.isEmpty() || template.get().queueDatas().isEmpty()) {
            throw noRoute(topic);
        }
        TopicRouteData t = template.get();
        List<QueueData> queues = new ArrayList<>();
        for (QueueData q : t.queueDatas()) {
            int nums = Math.min(DEFAULT_TOPIC_QUEUE_NUMS, q.readQueueNums());
            queues.add(new QueueData(q.brokerName(), q.perm(), nums, q.topicSysFlag(), nums));
        }
        return new TopicRouteData(null, queues, t.brokerDatas(), t.filterServerTable(), null);
    }

    private static ClientException noRoute(String topic) {
        return new ClientException("No route info of this topic: " + topic
                + " (the name servers know neither it nor " + DEFAULT_TOPIC + ")");
    }
}
