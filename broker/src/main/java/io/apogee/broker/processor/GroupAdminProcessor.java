package io.apogee.broker.processor;

import static io.apogee.broker.processor.AdminResponses.error;
import static io.apogee.broker.processor.AdminResponses.ok;
import static io.apogee.broker.processor.AdminResponses.okJson;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.ConsumeStats;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.OffsetWrapper;
import io.apogee.remoting.protocol.body.QuerySubscriptionResponseBody;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.header.AdminHeaders;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The consumer-group admin family: create, update, delete and read subscription groups, consume
 * stats, the topics and subscription of a group, and the server-side offset reset
 * (shared/protocol/05-admin.md sections 3.7, 4.7, 4.8, 4.11, 4.20). Thread-safe.
 */
public final class GroupAdminProcessor implements RequestProcessor {
    private final BrokerContext context;

    public GroupAdminProcessor(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> {
                String name = groupName(request);
                yield AdminAudit.record(ctx, request,
                        name != null && context.groups().get(name) != null ? "updateGroup" : "createGroup",
                        "Group:" + (name == null ? "?" : name), () -> createOrUpdate(request));
            }
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> AdminAudit.record(ctx, request, "deleteGroup",
                    "Group:" + request.extField("groupName"), () -> delete(request));
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> allGroups();
            case RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG -> groupConfig(request);
            case RequestCode.GET_CONSUME_STATS -> consumeStats(request);
            case RequestCode.QUERY_TOPICS_BY_CONSUMER -> topicsOf(request);
            case RequestCode.QUERY_SUBSCRIPTION_BY_CONSUMER -> subscriptionOf(request);
            case RequestCode.INVOKE_BROKER_TO_RESET_OFFSET -> resetOffset(request);
            default -> AdminResponses.notSupported(request.code());
        };
    }

    /**
     * The body is merged over the defaults, so that a group sent with some fields left out gets
     * RocketMQ's defaults for them rather than zeros.
     */
    /** The groupName of a SubscriptionGroupConfig body, or null when it cannot be read. */
    private static String groupName(RemotingCommand request) {
        try {
            JSONObject given = JSON.parseObject(request.body());
            return given == null ? null : given.getString("groupName");
        } catch (JSONException | ClassCastException e) {
            return null;
        }
    }

    private CompletionStage<RemotingCommand> createOrUpdate(RemotingCommand request) {
        SubscriptionGroupConfig group;
        try {
            JSONObject given = JSON.parseObject(request.body());
            String name = given == null ? null : given.getString("groupName");
            if (name == null || name.isBlank()) {
                return error(ResponseCode.SYSTEM_ERROR, "the subscription group name is missing");
            }
            JSONObject merged = (JSONObject) JSON.toJSON(SubscriptionGroupConfig.withDefaults(name));
            merged.putAll(given);
            group = merged.to(SubscriptionGroupConfig.class);
        } catch (JSONException | ClassCastException | IllegalArgumentException e) {
            return error(ResponseCode.SYSTEM_ERROR, "bad subscription group config: " + e.getMessage());
        }
        context.groups().update(group);
        return ok();
    }

    private CompletionStage<RemotingCommand> delete(RemotingCommand request) throws Exception {
        AdminHeaders.DeleteSubscriptionGroup h = request.readHeader(AdminHeaders.DeleteSubscriptionGroup.class);
        context.groups().delete(h.groupName());
        if (h.cleanOffset()) {
            context.offsets().removeGroup(h.groupName());
        }
        return ok();
    }

    private CompletionStage<RemotingCommand> allGroups() {
        Map<String, SubscriptionGroupConfig> table = new TreeMap<>();
        context.groups().all().forEach(g -> table.put(g.groupName(), g));
        return okJson(new SubscriptionGroupWrapper(table, context.groups().dataVersion()));
    }

    private CompletionStage<RemotingCommand> groupConfig(RemotingCommand request) throws Exception {
        String name = request.readHeader(AdminHeaders.GroupRequest.class).group();
        SubscriptionGroupConfig group = context.groups().get(name);
        return group == null
                ? error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "the subscription group[" + name + "] not exist")
                : okJson(group);
    }

    private CompletionStage<RemotingCommand> consumeStats(RemotingCommand request) throws Exception {
        AdminHeaders.GetConsumeStats h = request.readHeader(AdminHeaders.GetConsumeStats.class);
        Set<String> topics = new TreeSet<>();
        if (h.topic() != null && !h.topic().isBlank()) {
            topics.add(h.topic());
        } else if (h.topicList() != null && !h.topicList().isBlank()) {
            Arrays.stream(h.topicList().split(";")).map(String::trim).filter(t -> !t.isEmpty()).forEach(topics::add);
        } else {
            topics.addAll(topicsOf(h.consumerGroup()));
        }
        Map<MessageQueue, OffsetWrapper> table = new HashMap<>();
        for (String topic : topics) {
            TopicConfig config = context.topics().get(topic);
            if (config == null) {
                continue;
            }
            for (int q = 0; q < config.readQueueNums(); q++) {
                long brokerOffset = context.store().maxOffsetInQueue(topic, q);
                long consumerOffset = Math.max(0, context.offsets().query(h.consumerGroup(), topic, q));
                long last = consumerOffset > 0 ? context.store().storeTimestampOf(topic, q, consumerOffset - 1) : 0;
                // The broker does not track pulls apart from commits yet, so the pull offset is the commit.
                table.put(new MessageQueue(topic, context.config().brokerName(), q),
                        new OffsetWrapper(brokerOffset, consumerOffset, consumerOffset, Math.max(0, last)));
            }
        }
        return ok(new ConsumeStats(table, 0).encode());
    }

    /** Topics the group has offsets on, and topics its online members subscribe to. */
    private Set<String> topicsOf(String group) {
        Set<String> topics = new TreeSet<>(context.offsets().topicsOf(group));
        ConsumerGroupInfo online = context.consumers().group(group);
        if (online != null) {
            topics.addAll(online.subscriptions().keySet());
        }
        return topics;
    }

    private CompletionStage<RemotingCommand> topicsOf(RemotingCommand request) throws Exception {
        String group = request.readHeader(AdminHeaders.GroupRequest.class).group();
        return okJson(new TopicList(topicsOf(group), context.brokerAddr()));
    }

    private CompletionStage<RemotingCommand> subscriptionOf(RemotingCommand request) throws Exception {
        AdminHeaders.QuerySubscriptionByConsumer h = request.readHeader(AdminHeaders.QuerySubscriptionByConsumer.class);
        return okJson(new QuerySubscriptionResponseBody(h.group(), h.topic(),
                h.topic() == null ? null : context.consumers().subscription(h.group(), h.topic())));
    }

    private CompletionStage<RemotingCommand> resetOffset(RemotingCommand request) throws Exception {
        AdminHeaders.ResetOffset h = request.readHeader(AdminHeaders.ResetOffset.class);
        if ("SLAVE".equals(context.config().brokerRole())) {
            return error(ResponseCode.SYSTEM_ERROR, "Can not reset offset in slave broker");
        }
        TopicConfig topic = context.topics().get(h.topic());
        if (topic == null) {
            return error(ResponseCode.TOPIC_NOT_EXIST, "Topic " + h.topic() + " does not exist");
        }
        if (context.groups().get(h.group()) == null && !SystemTopics.isRetryTopic(h.topic())) {
            return error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "Group " + h.group() + " does not exist");
        }
        int only = h.queueId() == null ? -1 : h.queueId();
        Map<MessageQueue, Long> reset = new HashMap<>();
        for (int q = 0; q < topic.readQueueNums(); q++) {
            if (only >= 0 && q != only) {
                continue;
            }
            long target = targetOffset(h, q);
            context.offsets().reset(h.group(), h.topic(), q, target);
            reset.put(new MessageQueue(h.topic(), context.config().brokerName(), q), target);
        }
        return ok(new ResetOffsetBody(reset).encode());
    }

    private long targetOffset(AdminHeaders.ResetOffset h, int queueId) {
        long min = context.store().minOffsetInQueue(h.topic(), queueId);
        long max = context.store().maxOffsetInQueue(h.topic(), queueId);
        long target;
        if (h.offset() != null && h.offset() >= 0) {
            target = h.offset();
        } else if (h.timestamp() < 0) {
            target = max;
        } else {
            target = context.store().offsetInQueueByTime(h.topic(), queueId, h.timestamp(), false);
        }
        return Math.max(min, Math.min(max, target));
    }
}
