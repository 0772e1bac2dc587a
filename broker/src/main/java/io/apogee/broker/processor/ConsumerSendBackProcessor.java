package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.schedule.ScheduleRewrite;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.header.SendHeaders;
import io.apogee.store.dispatch.DelayLevels;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code CONSUMER_SEND_MSG_BACK} (36): a consumer hands back a message it failed to consume; the broker
 * stores a copy in the group's retry topic, or in its dead-letter topic once the retries are used up
 * (shared/protocol/03-broker-client.md section 13.1).
 *
 * <p>A retry is parked in the schedule topic for its delay level ({@code 3 + reconsumeTimes} unless the
 * consumer asks for one) and reaches {@code %RETRY%<group>} when due. Thread-safe.
 */
public final class ConsumerSendBackProcessor implements RequestProcessor {
    private static final int VERSION_WITH_MAX_RECONSUME = 121;

    private final BrokerContext context;
    private final BrokerStats stats;
    private final int maxDelayLevel;

    public ConsumerSendBackProcessor(BrokerContext context, BrokerStats stats) {
        this.context = context;
        this.stats = stats;
        this.maxDelayLevel = DelayLevels.parse(context.store().config().messageDelayLevel()).maxLevel();
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        SendHeaders.ConsumerSendMsgBack header = request.readHeader(SendHeaders.ConsumerSendMsgBack.class);
        SubscriptionGroupConfig group = context.groups().getOrCreate(header.group());
        if (group == null) {
            return answer(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + header.group() + SendTopicCheck.FAQ);
        }
        if ((context.config().brokerPermission() & Permission.WRITE) == 0) {
            return answer(ResponseCode.NO_PERMISSION,
                    "the broker[" + context.config().brokerIP1() + "] sending message is forbidden");
        }
        if (group.retryQueueNums() <= 0) {
            return answer(ResponseCode.SUCCESS, null);
        }
        TopicConfig retryTopic = context.topics().createSystemTopicIfAbsent(SystemTopics.retryTopic(header.group()),
                group.retryQueueNums(), Permission.READ_WRITE);
        if ((retryTopic.perm() & Permission.WRITE) == 0) {
            return answer(ResponseCode.NO_PERMISSION,
                    "the topic[" + retryTopic.topicName() + "] sending message is forbidden");
        }
        MessageRecord original = context.store().lookMessageByOffset(header.offset());
        if (original == null) {
            return answer(ResponseCode.SYSTEM_ERROR, "look message by offset failed, " + header.offset());
        }
        int max = request.version() >= VERSION_WITH_MAX_RECONSUME && header.maxReconsumeTimes() != null
                ? header.maxReconsumeTimes() : group.retryMaxTimes();
        String target;
        int queueId;
        Map<String, String> properties = retryProperties(original);
        if (original.reconsumeTimes() >= max || header.delayLevel() < 0) {
            target = context.topics().createSystemTopicIfAbsent(SystemTopics.dlqTopic(header.group()), 1,
                    Permission.READ_WRITE).topicName();
            queueId = 0;
            // Dead letters are stored at once, whatever delay the original carried.
            properties.remove(PropertyNames.DELAY);
        } else {
            target = retryTopic.topicName();
            queueId = ThreadLocalRandom.current().nextInt(Math.max(1, Math.min(group.retryQueueNums(),
                    retryTopic.writeQueueNums())));
            // The retry waits its delay level in the schedule topic and then lands in %RETRY%<group>.
            int level = header.delayLevel() > 0 ? header.delayLevel() : 3 + original.reconsumeTimes();
            properties.put(PropertyNames.DELAY, Integer.toString(level));
            ScheduleRewrite.Target delayed = ScheduleRewrite.apply(properties, target, queueId, maxDelayLevel);
            if (delayed != null) {
                target = delayed.topic();
                queueId = delayed.queueId();
            }
        }
        MessageRecord copy = MessageRecord.builder().topic(target).queueId(queueId).flag(original.flag())
                .sysFlag(original.sysFlag()).bornTimestamp(original.bornTimestamp()).bornHost(original.bornHost())
                .storeHost(context.storeHost()).reconsumeTimes(original.reconsumeTimes() + 1)
                .body(original.body()).properties(properties).build();
        return context.store().put(copy).thenApply(result -> {
            if (!result.status().isStored()) {
                stats.putFailed();
                return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, result.status().name());
            }
            stats.stored(1, copy.body().length);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        });
    }

    /** The original's properties, plus where it came from, and no waiting for the disk (step 5). */
    private static Map<String, String> retryProperties(MessageRecord original) {
        Map<String, String> properties = new LinkedHashMap<>(original.propertyMap());
        properties.putIfAbsent(MessageKeys.RETRY_TOPIC, original.topic());
        properties.putIfAbsent(MessageKeys.ORIGIN_MESSAGE_ID, original.offsetMessageId());
        properties.put(PropertyNames.WAIT, "false");
        return properties;
    }

    private static CompletionStage<RemotingCommand> answer(int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.response(code, remark));
    }
}
