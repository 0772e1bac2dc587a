package io.apogee.broker.processor;

import static io.apogee.broker.processor.AdminResponses.error;
import static io.apogee.broker.processor.AdminResponses.ok;
import static io.apogee.broker.processor.AdminResponses.okJson;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.GroupList;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigList;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.body.TopicOffset;
import io.apogee.remoting.protocol.body.TopicStatsTable;
import io.apogee.remoting.protocol.header.AdminHeaders;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The topic admin family (shared/protocol/05-admin.md sections 4.1 to 4.5): create, update, delete and
 * read topic configs, topic stats, the system-topic list and who consumes a topic. Thread-safe; the
 * topic manager serialises changes.
 */
public final class TopicAdminProcessor implements RequestProcessor {
    private final BrokerContext context;

    public TopicAdminProcessor(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> AdminAudit.record(ctx, request,
                    context.topics().get(String.valueOf(request.extField("topic"))) == null ? "createTopic" : "updateTopic",
                    "Topic:" + request.extField("topic"), () -> createOrUpdate(request));
            case RequestCode.UPDATE_AND_CREATE_TOPIC_LIST -> AdminAudit.record(ctx, request, "createOrUpdateTopics",
                    "Topic:" + topicNames(request), () -> createOrUpdateList(request));
            case RequestCode.DELETE_TOPIC_IN_BROKER -> AdminAudit.record(ctx, request, "deleteTopic",
                    "Topic:" + request.extField("topic"), () -> delete(request));
            case RequestCode.GET_ALL_TOPIC_CONFIG -> allTopicConfigs();
            case RequestCode.GET_TOPIC_CONFIG -> topicConfig(request);
            case RequestCode.GET_TOPIC_STATS_INFO -> topicStats(request);
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER -> systemTopics();
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request);
            default -> AdminResponses.notSupported(request.code());
        };
    }

    private CompletionStage<RemotingCommand> createOrUpdate(RemotingCommand request) throws Exception {
        AdminHeaders.CreateTopic h = request.readHeader(AdminHeaders.CreateTopic.class);
        TopicConfig previous = context.topics().get(h.topic());
        Map<String, String> attributes;
        try {
            attributes = TopicAttributes.apply(previous == null ? Map.of() : previous.attributes(), h.attributes());
        } catch (IllegalArgumentException e) {
            return error(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        TopicConfig topic = new TopicConfig(h.topic(), h.readQueueNums(), h.writeQueueNums(), h.perm(),
                h.topicFilterType(), h.topicSysFlag() == null ? 0 : h.topicSysFlag(), h.order(), attributes);
        return store(topic);
    }

    /** The topic names of a TopicConfigList body, for the audit line ("?" when it cannot be read). */
    private static String topicNames(RemotingCommand request) {
        try {
            return String.join(",", JsonBody.decode(request.body(), TopicConfigList.class).topicConfigList().stream()
                    .map(TopicConfig::topicName).toList());
        } catch (Exception e) {
            return "?";
        }
    }

    private CompletionStage<RemotingCommand> createOrUpdateList(RemotingCommand request) throws Exception {
        TopicConfigList list = JsonBody.decode(request.body(), TopicConfigList.class);
        for (TopicConfig topic : list.topicConfigList()) {
            String refusal = refusalOf(topic);
            if (refusal != null) {
                return error(ResponseCode.INVALID_PARAMETER, refusal);
            }
        }
        for (TopicConfig topic : list.topicConfigList()) {
            context.topics().update(topic);
        }
        return ok();
    }

    private CompletionStage<RemotingCommand> store(TopicConfig topic) {
        String refusal = refusalOf(topic);
        if (refusal != null) {
            return error(ResponseCode.INVALID_PARAMETER, refusal);
        }
        // An identical config changes nothing (the manager keeps its data version) and still succeeds.
        context.topics().update(topic);
        return ok();
    }

    private static String refusalOf(TopicConfig topic) {
        String invalid = TopicConfigManager.invalidNameReason(topic.topicName());
        if (invalid != null) {
            return invalid;
        }
        if (AdminResponses.isSystemTopic(topic.topicName())) {
            return "The topic[" + topic.topicName() + "] is conflict with system topic.";
        }
        if (topic.readQueueNums() < 0 || topic.writeQueueNums() < 0 || topic.perm() < 0 || topic.perm() > 7) {
            return "queue numbers must not be negative and perm must be 0..7";
        }
        return null;
    }

    private CompletionStage<RemotingCommand> delete(RemotingCommand request) throws Exception {
        String topic = request.readHeader(AdminHeaders.TopicRequest.class).topic();
        if (topic.isBlank()) {
            return error(ResponseCode.INVALID_PARAMETER, "The specified topic is blank.");
        }
        if (AdminResponses.isSystemTopic(topic)) {
            return error(ResponseCode.INVALID_PARAMETER, "The topic[" + topic + "] is conflict with system topic.");
        }
        context.topics().delete(topic);
        context.offsets().removeTopic(topic);
        return ok();
    }

    private CompletionStage<RemotingCommand> allTopicConfigs() {
        TopicConfigManager.Snapshot snapshot = context.topics().snapshot();
        return okJson(new TopicConfigSerializeWrapper(snapshot.dataVersion(), null, snapshot.topics(), null, null));
    }

    private CompletionStage<RemotingCommand> topicConfig(RemotingCommand request) throws Exception {
        String topic = request.readHeader(AdminHeaders.TopicRequest.class).topic();
        TopicConfig config = context.topics().get(topic);
        return config == null ? error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] not exist") : okJson(config);
    }

    private CompletionStage<RemotingCommand> topicStats(RemotingCommand request) throws Exception {
        String topic = request.readHeader(AdminHeaders.TopicRequest.class).topic();
        TopicConfig config = context.topics().get(topic);
        if (config == null) {
            return error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] not exist");
        }
        Map<MessageQueue, TopicOffset> table = new HashMap<>();
        int queues = Math.max(config.readQueueNums(), config.writeQueueNums());
        for (int q = 0; q < queues; q++) {
            long max = context.store().maxOffsetInQueue(topic, q);
            long last = max > 0 ? context.store().storeTimestampOf(topic, q, max - 1) : 0;
            table.put(new MessageQueue(topic, context.config().brokerName(), q),
                    new TopicOffset(context.store().minOffsetInQueue(topic, q), max, Math.max(0, last)));
        }
        return ok(new TopicStatsTable(table, 0).encode());
    }

    private CompletionStage<RemotingCommand> systemTopics() {
        Set<String> names = new TreeSet<>();
        for (TopicConfig topic : context.topics().all()) {
            if (AdminResponses.isSystemTopic(topic.topicName())) {
                names.add(topic.topicName());
            }
        }
        return okJson(new TopicList(names, null));
    }

    /** Groups with offsets on the topic, and groups whose online members subscribe to it. */
    private CompletionStage<RemotingCommand> consumedBy(RemotingCommand request) throws Exception {
        String topic = request.readHeader(AdminHeaders.TopicRequest.class).topic();
        Set<String> groups = new TreeSet<>(context.offsets().groupsOf(topic));
        for (ConsumerGroupInfo group : context.consumers().groups()) {
            if (group.subscription(topic) != null) {
                groups.add(group.groupName());
            }
        }
        return okJson(new GroupList(groups));
    }
}
