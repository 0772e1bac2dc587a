package io.apogee.client.consumer;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;

/**
 * Builds the requests of the consume path (shared/protocol/03-broker-client.md sections 8, 10 and 11):
 * lite pulls, offset queries and commits, queue bounds, the group's member list. Stateless and
 * thread-safe.
 */
final class ConsumerRequests {
    /** Pull sysFlag bits (section 10.2). */
    static final int FLAG_SUSPEND = 0x2;
    static final int FLAG_SUBSCRIPTION = 0x4;
    static final int FLAG_LITE_PULL = 0x10;
    /** What the official lite pull consumer sends as {@code maxMsgBytes}: no limit. */
    static final int LITE_MAX_MSG_BYTES = Integer.MAX_VALUE;

    private ConsumerRequests() {
    }

    /**
     * A long-polling pull that carries its subscription: lite (code 361, sysFlag 22) or push (code 11,
     * sysFlag 6: the official push consumer's {@code postSubscriptionWhenPull}, so that a pull never
     * races the heartbeat that registers a changed subscription).
     */
    static RemotingCommand pull(String group, MessageQueue queue, long offset, PullSettings settings,
            SubscriptionData subscription) {
        int sysFlag = FLAG_SUSPEND | FLAG_SUBSCRIPTION | (settings.lite() ? FLAG_LITE_PULL : 0);
        int code = settings.lite() ? RequestCode.LITE_PULL_MESSAGE : RequestCode.PULL_MESSAGE;
        return RemotingCommand.request(code, new ConsumeHeaders.PullMessage(group,
                queue.topic(), queue.queueId(), offset, settings.batchSize(), sysFlag, 0L, settings.suspendMillis(),
                subscription.subString(), settings.lite() ? 0L : subscription.subVersion(),
                subscription.expressionType(), settings.maxMsgBytes(), null, null, queue.brokerName()));
    }

    static RemotingCommand queryOffset(String group, MessageQueue queue) {
        return RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET, new ConsumeHeaders.QueryConsumerOffset(
                group, queue.topic(), queue.queueId(), null, queue.brokerName()));
    }

    /** Oneway, as consumers commit. */
    static RemotingCommand updateOffset(String group, MessageQueue queue, long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, new ConsumeHeaders.UpdateConsumerOffset(
                group, queue.topic(), queue.queueId(), offset, queue.brokerName())).markOneway();
    }

    static RemotingCommand maxOffset(MessageQueue queue) {
        return RemotingCommand.request(RequestCode.GET_MAX_OFFSET, new ConsumeHeaders.GetMaxOffset(queue.topic(),
                queue.queueId(), Boolean.TRUE, queue.brokerName()));
    }

    static RemotingCommand minOffset(MessageQueue queue) {
        return RemotingCommand.request(RequestCode.GET_MIN_OFFSET, new ConsumeHeaders.TopicQueue(queue.topic(),
                queue.queueId(), queue.brokerName()));
    }

    static RemotingCommand searchOffset(MessageQueue queue, long timestamp) {
        return RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, new ConsumeHeaders.SearchOffset(
                queue.topic(), queue.queueId(), timestamp, "LOWER", queue.brokerName()));
    }

    static RemotingCommand consumerList(String group) {
        return RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP,
                new ConsumeHeaders.GetConsumerListByGroup(group));
    }
}
