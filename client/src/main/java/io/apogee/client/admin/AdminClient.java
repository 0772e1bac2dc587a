package io.apogee.client.admin;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.runtime.ClientBuilderBase;
import io.apogee.client.runtime.ClientSettings;
import io.apogee.client.runtime.NameServerList;
import io.apogee.client.runtime.RemotingClients;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.ConsumerConnection;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.OffsetWrapper;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.body.TopicOffset;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.body.TopicStatsTable;
import io.apogee.remoting.protocol.header.AdminHeaders;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Administration of a RocketMQ-compatible cluster over the remoting protocol, what {@code mqadmin} does:
 * topics, subscription groups, consumer offsets, consume and topic statistics, consumer connections,
 * cluster information and message lookups. Works against Apogee and the official 5.3.3 daemons alike.
 * Every method blocks for at most a few {@code mqClientApiTimeout}s; a refusal is a
 * {@link BrokerException} with the server's code and remark, an unreachable server a
 * {@link ClientException}, a bad argument an {@link IllegalArgumentException} before anything is sent.
 * Thread-safe; close it to release its connections.
 */
public final class AdminClient implements AutoCloseable {
    /** The topic new topics are derived from, as mqadmin sends it. */
    private static final String DEFAULT_TOPIC = "TBW102";

    private final ClientSettings settings;
    private final NettyRemotingClient remoting;
    private final AdminCalls calls;
    private final MessageLookups messages;

    private AdminClient(ClientSettings settings) {
        this.settings = settings;
        this.remoting = RemotingClients.create(settings);
        try {
            remoting.start();
        } catch (IOException e) {
            remoting.shutdown();
            throw new UncheckedIOException("could not start the remoting client", e);
        }
        this.calls = new AdminCalls(remoting, new NameServerList(settings.namesrvAddrs()),
                settings.mqClientApiTimeoutMillis());
        this.messages = new MessageLookups(calls, this::requireRoute);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of an {@link AdminClient}: the connection settings of every client (name servers, TLS, credentials). */
    public static final class Builder extends ClientBuilderBase<Builder> {
        private Builder() {
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public AdminClient build() {
            return new AdminClient(clientSettings());
        }
    }

    // ---- cluster and routes -------------------------------------------------------------------

    /** The clusters and brokers the name server knows. */
    public ClusterInfo clusterInfo() {
        var info = calls.nameServer(() -> RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO)).expect()
                .json(io.apogee.remoting.protocol.body.ClusterInfo.class);
        Map<String, Broker> brokers = new HashMap<>();
        info.brokerAddrTable().forEach((name, data) -> brokers.put(name, Broker.of(data)));
        return new ClusterInfo(info.clusterAddrTable(), brokers);
    }

    /** Every topic the name server has a route for (retry and DLQ topics included). */
    public Set<String> topics() {
        TopicList list = calls.nameServer(() -> RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER))
                .expect().json(TopicList.class);
        return Set.copyOf(list.topicList());
    }

    /** The route of {@code topic}; empty when the name server has none. */
    public Optional<TopicRoute> topicRoute(String topic) {
        AdminChecks.checkTopic(topic);
        AdminCalls.Reply reply = calls.nameServer(() -> RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo(topic, Boolean.TRUE))).expect(ResponseCode.TOPIC_NOT_EXIST);
        if (reply.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return Optional.empty();
        }
        TopicRouteData route = reply.json(TopicRouteData.class);
        List<Broker> brokers = route.brokerDatas().stream().map(Broker::of).toList();
        return Optional.of(new TopicRoute(topic, route.queueDatas(), brokers, route.orderTopicConf()));
    }

    private TopicRoute requireRoute(String topic) {
        return topicRoute(topic).orElseThrow(() -> new BrokerException(ResponseCode.TOPIC_NOT_EXIST,
                "No topic route info in name server for the topic: " + topic, String.join(";",
                        calls.nameServerAddrs())));
    }

    // ---- topics -------------------------------------------------------------------------------

    /**
     * Creates or updates {@code config} on the master of every broker of {@code clusterName}; the
     * brokers then register it with the name servers.
     *
     * @throws IllegalArgumentException when the cluster is unknown or the config is invalid
     */
    public void createOrUpdateTopic(String clusterName, TopicConfig config) {
        checkTopicConfig(config);
        for (String addr : clusterInfo().masterAddrs(clusterName)) {
            createOrUpdateTopicOnBroker(addr, config);
        }
    }

    /** Creates or updates {@code config} on the broker at {@code brokerAddr} only. */
    public void createOrUpdateTopicOnBroker(String brokerAddr, TopicConfig config) {
        checkTopicConfig(config);
        StringJoiner attributes = new StringJoiner(",");
        config.attributes().forEach((k, v) -> attributes.add("+" + k + "=" + v));
        calls.broker(brokerAddr, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC,
                new AdminHeaders.CreateTopic(config.topicName(), DEFAULT_TOPIC, config.readQueueNums(),
                        config.writeQueueNums(), config.perm(), config.topicFilterType(), config.topicSysFlag(),
                        config.order(), attributes.toString(), Boolean.FALSE))).expect();
    }

    private static void checkTopicConfig(TopicConfig config) {
        AdminChecks.checkTopic(config.topicName());
        if (config.readQueueNums() < 0 || config.writeQueueNums() < 0 || config.readQueueNums() > 1024
                || config.writeQueueNums() > 1024) {
            throw new IllegalArgumentException("queue numbers must be in [0, 1024], topic=" + config.topicName());
        }
        if (config.perm() < 0 || config.perm() > 7) {
            throw new IllegalArgumentException("perm must be in [0, 7] (2 write, 4 read), perm=" + config.perm());
        }
    }

    /** The topic's config on one broker; empty when that broker does not have it. */
    public Optional<TopicConfig> topicConfig(String brokerAddr, String topic) {
        AdminChecks.checkTopic(topic);
        AdminCalls.Reply reply = calls.broker(brokerAddr, RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG,
                new AdminHeaders.TopicRequest(topic, Boolean.TRUE))).expect(ResponseCode.TOPIC_NOT_EXIST);
        return reply.code() == ResponseCode.TOPIC_NOT_EXIST ? Optional.empty() : Optional.of(reply.json(TopicConfig.class));
    }

    /**
     * Deletes {@code topic} from the masters of {@code clusterName}, then its route from every name
     * server. Deleting a topic that does not exist succeeds.
     */
    public void deleteTopic(String clusterName, String topic) {
        AdminChecks.checkTopic(topic);
        AdminChecks.checkNotBlank("clusterName", clusterName);
        for (String addr : clusterInfo().masterAddrs(clusterName)) {
            calls.broker(addr, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER,
                    new AdminHeaders.TopicRequest(topic, null))).expect();
        }
        calls.everyNameServer(() -> RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new NamesrvHeaders.DeleteTopic(topic, clusterName)));
    }

    /** The offsets of every queue of {@code topic} on every broker of its route. */
    public TopicStats topicStats(String topic) {
        TopicRoute route = requireRoute(topic);
        Map<MessageQueue, TopicOffset> offsets = new HashMap<>();
        double tps = 0;
        for (String addr : route.masterAddrs()) {
            TopicStatsTable table = calls.broker(addr, RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO,
                    new AdminHeaders.TopicRequest(topic, null))).expect().json(TopicStatsTable.class);
            offsets.putAll(table.offsetTable());
            tps += table.topicPutTps();
        }
        return new TopicStats(topic, offsets, tps);
    }

    // ---- subscription groups ------------------------------------------------------------------

    /** Creates or updates {@code group} on the master of every broker of {@code clusterName}. */
    public void createOrUpdateGroup(String clusterName, SubscriptionGroup group) {
        for (String addr : clusterInfo().masterAddrs(clusterName)) {
            createOrUpdateGroupOnBroker(addr, group);
        }
    }

    public void createOrUpdateGroupOnBroker(String brokerAddr, SubscriptionGroup group) {
        calls.broker(brokerAddr, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                .body(JsonBody.encode(group))).expect();
    }

    /** Every subscription group of one broker, by name (system groups included). */
    public Map<String, SubscriptionGroup> groups(String brokerAddr) {
        GroupTable table = calls.broker(brokerAddr, RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG))
                .expect().json(GroupTable.class);
        return table.subscriptionGroupTable() == null ? Map.of() : Map.copyOf(table.subscriptionGroupTable());
    }

    /** The body of {@code GET_ALL_SUBSCRIPTIONGROUP_CONFIG}, of which only the table is read. */
    private record GroupTable(Map<String, SubscriptionGroup> subscriptionGroupTable) {
    }

    /**
     * The group's settings on one broker; empty when that broker does not have it. (The official broker,
     * with {@code autoCreateSubscriptionGroup} on, creates an unknown group with defaults on this lookup;
     * {@link #groups(String)} lists without creating.)
     */
    public Optional<SubscriptionGroup> group(String brokerAddr, String group) {
        AdminChecks.checkGroup(group);
        AdminCalls.Reply reply = calls.broker(brokerAddr, RemotingCommand.request(
                RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, new AdminHeaders.GroupRequest(group)))
                .expect(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        if (reply.code() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST || reply.response().body() == null) {
            return Optional.empty();
        }
        return Optional.of(reply.json(SubscriptionGroup.class));
    }

    /**
     * Deletes {@code group} from the masters of {@code clusterName}; with {@code cleanOffset} its
     * committed offsets too.
     */
    public void deleteGroup(String clusterName, String group, boolean cleanOffset) {
        AdminChecks.checkGroup(group);
        for (String addr : clusterInfo().masterAddrs(clusterName)) {
            calls.broker(addr, RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP,
                    new AdminHeaders.DeleteSubscriptionGroup(group, cleanOffset))).expect();
        }
    }

    // ---- offsets and consumption --------------------------------------------------------------

    /** The group's committed offset of {@code queue}; empty when the broker has none. */
    public OptionalLong consumerOffset(String group, MessageQueue queue) {
        AdminChecks.checkGroup(group);
        String addr = masterOf(queue);
        AdminCalls.Reply reply = calls.broker(addr, RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET,
                new ConsumeHeaders.QueryConsumerOffset(group, queue.topic(), queue.queueId(), Boolean.FALSE,
                        queue.brokerName()))).expect(ResponseCode.QUERY_NOT_FOUND);
        if (reply.code() == ResponseCode.QUERY_NOT_FOUND) {
            return OptionalLong.empty();
        }
        long offset = reply.header(ConsumeHeaders.OffsetResult.class).offset();
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Commits {@code offset} as the group's offset of {@code queue}, as a consumer would. */
    public void updateConsumerOffset(String group, MessageQueue queue, long offset) {
        AdminChecks.checkGroup(group);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, offset=" + offset);
        }
        calls.broker(masterOf(queue), RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset(group, queue.topic(), queue.queueId(), offset,
                        queue.brokerName()))).expect();
    }

    /**
     * Resets the group's offsets of every queue of {@code topic} to the first message stored at or
     * after {@code timestamp} (ms; -1 for the end of each queue), on every broker of the route, as
     * {@code mqadmin resetOffsetByTime}. Online consumers continue from there.
     *
     * @return the new offset of every queue
     */
    public Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestamp) {
        AdminChecks.checkGroup(group);
        Map<MessageQueue, Long> reset = new LinkedHashMap<>();
        for (String addr : requireRoute(topic).masterAddrs()) {
            reset.putAll(resetOffset(addr, new AdminHeaders.ResetOffset(group, topic, -1, -1L, timestamp, true)));
        }
        return Map.copyOf(reset);
    }

    /** Resets the group's offset of one queue to {@code offset} (clamped by the broker to the queue's range). */
    public long resetOffset(String group, MessageQueue queue, long offset) {
        AdminChecks.checkGroup(group);
        Map<MessageQueue, Long> reset = resetOffset(masterOf(queue),
                new AdminHeaders.ResetOffset(group, queue.topic(), queue.queueId(), offset, -1L, true));
        Long value = reset.get(queue);
        if (value == null) {
            throw new ClientException("the broker did not reset " + queue + "; it answered " + reset);
        }
        return value;
    }

    private Map<MessageQueue, Long> resetOffset(String addr, AdminHeaders.ResetOffset header) {
        AdminCalls.Reply reply = calls.broker(addr, RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                header)).expect();
        return reply.response().body() == null ? Map.of() : reply.json(ResetOffsetBody.class).offsetTable();
    }

    /**
     * The group's progress on every broker that serves it: found through the route of its retry topic,
     * or of {@code topic} when given (which also limits the stats to that topic).
     */
    public ConsumeStats consumeStats(String group, String topic) {
        AdminChecks.checkGroup(group);
        Map<MessageQueue, OffsetWrapper> offsets = new HashMap<>();
        double tps = 0;
        for (String addr : groupBrokers(group, topic)) {
            var stats = calls.broker(addr, RemotingCommand.request(RequestCode.GET_CONSUME_STATS,
                    new AdminHeaders.GetConsumeStats(group, topic, null))).expect()
                    .json(io.apogee.remoting.protocol.body.ConsumeStats.class);
            offsets.putAll(stats.offsetTable());
            tps += stats.consumeTps();
        }
        return new ConsumeStats(group, offsets, tps);
    }

    /**
     * The online members of {@code group}, from the first broker of its retry topic's route that knows
     * them.
     *
     * @throws BrokerException with {@code CONSUMER_NOT_ONLINE} (206) when no member is online
     */
    public ConsumerConnections consumerConnections(String group) {
        AdminChecks.checkGroup(group);
        BrokerException last = null;
        for (String addr : groupBrokers(group, null)) {
            AdminCalls.Reply reply = calls.broker(addr, RemotingCommand.request(
                    RequestCode.GET_CONSUMER_CONNECTION_LIST, new AdminHeaders.ConsumerGroupRequest(group)));
            try {
                ConsumerConnection c = reply.expect().json(ConsumerConnection.class);
                return new ConsumerConnections(group, c.connectionSet() == null ? Set.of() : c.connectionSet(),
                        c.subscriptionTable() == null ? Map.of() : c.subscriptionTable(), c.consumeType(),
                        c.messageModel(), c.consumeFromWhere());
            } catch (BrokerException e) {
                last = e;
            }
        }
        throw last != null ? last : new BrokerException(ResponseCode.CONSUMER_NOT_ONLINE,
                "the consumer group[" + group + "] not online", String.join(";", calls.nameServerAddrs()));
    }

    /** The masters serving a group: those of its retry topic's route, else of {@code topic}'s. */
    private Set<String> groupBrokers(String group, String topic) {
        Optional<TopicRoute> route = topicRoute("%RETRY%" + group);
        if (route.isEmpty() && topic != null) {
            route = topicRoute(topic);
        }
        if (route.isEmpty()) {
            throw new BrokerException(ResponseCode.TOPIC_NOT_EXIST, "no route for %RETRY%" + group
                    + (topic != null ? " nor " + topic : "") + ": the group has never been online",
                    String.join(";", calls.nameServerAddrs()));
        }
        return new TreeSet<>(route.get().masterAddrs());
    }

    private String masterOf(MessageQueue queue) {
        String addr = requireRoute(queue.topic()).masterAddr(queue.brokerName());
        if (addr == null) {
            throw new ClientException("no master of broker " + queue.brokerName() + " in the route of topic "
                    + queue.topic());
        }
        return addr;
    }

    // ---- messages -----------------------------------------------------------------------------

    /**
     * The message an offset message id points at (a send result's {@code offsetMsgId}), read from the
     * broker the id names.
     *
     * @throws IllegalArgumentException when the id is not an offset message id
     */
    public ReceivedMessage viewMessage(String offsetMsgId) {
        return messages.byOffsetId(offsetMsgId);
    }

    /**
     * Messages of {@code topic} indexed under {@code key} (the {@code KEYS} property) and stored between
     * the two times, at most {@code maxNum} per broker.
     */
    public List<ReceivedMessage> queryMessageByKey(String topic, String key, int maxNum, long beginMillis,
            long endMillis) {
        return messages.byKey(topic, key, maxNum, beginMillis, endMillis);
    }

    /** The message of {@code topic} whose unique key ({@code UNIQ_KEY}, a send result's {@code msgId}) is given. */
    public Optional<ReceivedMessage> queryMessageByUniqueKey(String topic, String uniqueKey) {
        return messages.byUniqueKey(topic, uniqueKey);
    }

    public ClientSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        remoting.shutdown();
    }
}
