package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.store.metadata.SubscriptionGroupConfig;

/**
 * The checks a pull passes before the store is read, in the official order, and the subscription it
 * reads with: the one the request carries (SUBSCRIPTION bit) or the one the group's heartbeats
 * registered (shared/protocol/03-broker-client.md section 10.3). Stateless; thread-safe.
 */
final class PullGate {
    /** {@code forbiddenType} values of a {@code NO_PERMISSION} pull response. */
    static final int FORBIDDEN_BROKER = 1;
    static final int FORBIDDEN_GROUP = 2;
    static final int FORBIDDEN_TOPIC = 3;
    static final int FORBIDDEN_BROADCASTING = 4;

    /** A pull that may read: what to filter with and the flags the response repeats; or why it may not. */
    record Admission(SubscriptionData subscription, int topicSysFlag, int groupSysFlag, RemotingCommand rejection) {
        static Admission rejected(RemotingCommand rejection) {
            return new Admission(null, 0, 0, rejection);
        }

        boolean admitted() {
            return rejection == null;
        }
    }

    private final BrokerContext context;

    PullGate(BrokerContext context) {
        this.context = context;
    }

    Admission admit(RequestContext ctx, ConsumeHeaders.PullMessage h) {
        if (!context.config().isReadable()) {
            return forbidden(FORBIDDEN_BROKER, "the broker[" + context.config().brokerName()
                    + "] pulling message is forbidden");
        }
        SubscriptionGroupConfig group = context.groups().getOrCreate(h.consumerGroup());
        if (group == null) {
            return reject(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group [" + h.consumerGroup() + "] does not exist");
        }
        if (!group.consumeEnable()) {
            return forbidden(FORBIDDEN_GROUP, "subscription group no permission, " + h.consumerGroup());
        }
        TopicConfig topic = context.topics().get(h.topic());
        if (topic == null) {
            return reject(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic() + "] not exist, apply first please!");
        }
        if (!Permission.isReadable(topic.perm())) {
            return forbidden(FORBIDDEN_TOPIC, "the topic[" + h.topic() + "] pulling message is forbidden");
        }
        if (h.queueId() < 0 || h.queueId() >= topic.readQueueNums()) {
            return reject(ResponseCode.INVALID_PARAMETER, "queueId[" + h.queueId() + "] is illegal, topic:["
                    + h.topic() + "] topicConfig.readQueueNums:[" + topic.readQueueNums() + "] consumer:["
                    + ctx.remoteAddress() + "]");
        }
        SubscriptionData subscription;
        if (PullSysFlag.has(h.sysFlag(), PullSysFlag.SUBSCRIPTION)) {
            String type = h.expressionType() == null ? "TAG" : h.expressionType();
            subscription = "TAG".equalsIgnoreCase(type)
                    ? SubscriptionData.ofTags(h.topic(), h.subscription(), h.subVersion())
                    : new SubscriptionData(h.topic(), h.subscription(), type, null, null, h.subVersion(), false);
        } else {
            ConsumerGroupInfo members = context.consumers().group(h.consumerGroup());
            if (members == null) {
                return reject(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                        "the consumer's group info not exist, group: " + h.consumerGroup());
            }
            if (!members.isClustering() && !group.consumeBroadcastEnable()) {
                return forbidden(FORBIDDEN_BROADCASTING,
                        "the consumer group[" + h.consumerGroup() + "] can not consume by broadcast way");
            }
            subscription = members.subscription(h.topic());
            if (subscription == null) {
                return reject(ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's subscription not exist, group: "
                        + h.consumerGroup() + ", topic: " + h.topic());
            }
            if (subscription.subVersion() < h.subVersion()) {
                return reject(ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest, group: "
                        + h.consumerGroup() + ", topic: " + h.topic());
            }
        }
        if (!subscription.isTagType()) {
            // No SQL92 evaluator yet: with property filtering off this is the official answer, and with
            // it on, refusing beats delivering unfiltered messages.
            return reject(ResponseCode.SYSTEM_ERROR, context.config().enablePropertyFilter()
                    ? "SQL92 filtering is not available on this broker yet" : ClientManageProcessor.SQL92_UNSUPPORTED);
        }
        return new Admission(subscription, topic.topicSysFlag(), group.groupSysFlag(), null);
    }

    private static Admission reject(int code, String remark) {
        return Admission.rejected(RemotingCommand.response(code, remark));
    }

    private static Admission forbidden(int forbiddenType, String remark) {
        return Admission.rejected(RemotingCommand.response(ResponseCode.NO_PERMISSION, remark)
                .putExtField("forbiddenType", Integer.toString(forbiddenType)));
    }
}
