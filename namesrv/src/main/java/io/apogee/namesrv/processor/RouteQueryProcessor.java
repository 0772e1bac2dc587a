package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BrokerMemberGroup;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * What clients and tools ask: routes by topic, cluster info, topic lists, broker member groups.
 * Encoded routes are cached per topic and reused until the route table or the KV store changes, so
 * the common lookup costs a map probe. Thread-safe.
 */
public final class RouteQueryProcessor implements RequestProcessor {
    private static final String FAQ = "\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.";
    private static final int UNIT = 1;
    private static final int UNIT_SUB = 2;
    private static final int MAX_CACHED_ROUTES = 100_000;

    private final RouteTable routes;
    private final KvConfigStore kv;
    private final Switches switches;
    private final ConcurrentMap<String, CachedRoute> cache = new ConcurrentHashMap<>();

    /** The settings that may change while the name server runs. */
    public record Switches(BooleanSupplier orderMessageEnable, BooleanSupplier enableAllTopicList,
            BooleanSupplier enableTopicList, BooleanSupplier serving) {
    }

    private record CachedRoute(long routeGeneration, long kvGeneration, byte[] body) {
    }

    public RouteQueryProcessor(RouteTable routes, KvConfigStore kv, Switches switches) {
        this.routes = routes;
        this.kv = kv;
        this.switches = switches;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        return CompletableFuture.completedFuture(answer(request));
    }

    private RemotingCommand answer(RemotingCommand request) throws Exception {
        switch (request.code()) {
            case RequestCode.GET_ROUTEINFO_BY_TOPIC:
                return route(request.readHeader(NamesrvHeaders.GetRouteInfo.class).topic());
            case RequestCode.GET_BROKER_CLUSTER_INFO:
                return ok(JsonBody.encode(routes.clusterInfo()));
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
                return switches.enableAllTopicList().getAsBoolean() ? topicList(routes.topics()) : disabled();
            case RequestCode.GET_TOPICS_BY_CLUSTER: {
                String cluster = request.readHeader(NamesrvHeaders.GetTopicsByCluster.class).cluster();
                return switches.enableTopicList().getAsBoolean() ? topicList(routes.topicsOfCluster(cluster)) : disabled();
            }
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS: {
                RouteTable.SystemTopics system = routes.systemTopics();
                return ok(JsonBody.encode(new TopicList(system.names(), system.someBrokerAddr())));
            }
            case RequestCode.GET_UNIT_TOPIC_LIST:
                return unitTopics(flag -> (flag & UNIT) != 0);
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST:
                return unitTopics(flag -> (flag & UNIT_SUB) != 0);
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST:
                return unitTopics(flag -> (flag & UNIT_SUB) != 0 && (flag & UNIT) == 0);
            case RequestCode.GET_BROKER_MEMBER_GROUP: {
                NamesrvHeaders.GetBrokerMemberGroup header = request.readHeader(NamesrvHeaders.GetBrokerMemberGroup.class);
                BrokerMemberGroup group = routes.memberGroup(header.clusterName(), header.brokerName());
                return ok(JsonBody.encode(new BrokerMemberGroup.Response(group)));
            }
            default:
                throw new IllegalArgumentException("not a route query code: " + request.code());
        }
    }

    private RemotingCommand route(String topic) {
        if (!switches.serving().getAsBoolean()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "name server not ready");
        }
        long routeGeneration = routes.generation();
        long kvGeneration = kv.generation();
        CachedRoute cached = cache.get(topic);
        if (cached != null && cached.routeGeneration == routeGeneration && cached.kvGeneration == kvGeneration) {
            return cached.body == null ? noRoute(topic) : ok(cached.body);
        }
        TopicRouteData route = routes.route(topic);
        if (route != null && switches.orderMessageEnable().getAsBoolean()) {
            String orderConf = kv.get(BrokerRegistrationProcessor.ORDER_TOPIC_NAMESPACE, topic);
            if (orderConf != null) {
                route = new TopicRouteData(orderConf, route.queueDatas(), route.brokerDatas(),
                        route.filterServerTable(), route.topicQueueMappingByBroker());
            }
        }
        byte[] body = route == null ? null : JsonBody.encode(route);
        if (route != null || cache.containsKey(topic)) {
            if (cache.size() >= MAX_CACHED_ROUTES) {
                cache.clear();
            }
            cache.put(topic, new CachedRoute(routeGeneration, kvGeneration, body));
        }
        return body == null ? noRoute(topic) : ok(body);
    }

    private static RemotingCommand noRoute(String topic) {
        return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                "No topic route info in name server for the topic: " + topic + FAQ);
    }

    private RemotingCommand unitTopics(IntPredicate flagTest) {
        return switches.enableTopicList().getAsBoolean() ? topicList(routes.topicsBySysFlag(flagTest)) : disabled();
    }

    private static RemotingCommand topicList(Set<String> topics) {
        return ok(JsonBody.encode(new TopicList(topics, null)));
    }

    private static RemotingCommand disabled() {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "disable");
    }

    private static RemotingCommand ok(byte[] body) {
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
    }
}
