package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.CheckClientRequestBody;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.HeartbeatData;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Client registration: {@code HEART_BEAT}, {@code UNREGISTER_CLIENT} and {@code CHECK_CLIENT_CONFIG}
 * (shared/protocol/03-broker-client.md sections 6, 7 and 9). A heartbeat creates what a consumer group
 * needs on first use (its settings and its retry topic) and records the connection's groups and
 * subscriptions; the consumer registry tells group members about changes. Stateless; thread-safe.
 */
public final class ClientManageProcessor implements RequestProcessor {
    static final String SQL92_UNSUPPORTED = "The broker does not support consumer to filter message by SQL92";

    private final BrokerContext context;

    public ClientManageProcessor(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.HEART_BEAT -> heartbeat(ctx, request);
            case RequestCode.UNREGISTER_CLIENT -> unregister(ctx, request);
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a client-management request");
        };
        return CompletableFuture.completedFuture(response);
    }

    private RemotingCommand heartbeat(RequestContext ctx, RemotingCommand request) throws RequestRejectedException {
        HeartbeatData heartbeat = decode(request, HeartbeatData.class);
        if (heartbeat.clientID() == null || heartbeat.clientID().isBlank()) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, "the heartbeat carries no clientID");
        }
        long now = context.clock().millis();
        for (ConsumerData consumer : heartbeat.consumerDataSet()) {
            SubscriptionGroupConfig group = context.groups().getOrCreate(consumer.groupName());
            if (group == null) {
                // Auto-creation is off and an operator has not made the group: the official broker skips it too.
                continue;
            }
            context.topics().createSystemTopicIfAbsent(SystemTopics.retryTopic(consumer.groupName()),
                    Math.max(1, group.retryQueueNums()), Permission.READ_WRITE);
            ClientChannelInfo member = new ClientChannelInfo(ctx.channel(), heartbeat.clientID(), request.language(),
                    request.version(), now);
            context.consumers().register(consumer.groupName(), member, consumer.consumeType(),
                    consumer.messageModel(), consumer.consumeFromWhere(),
                    heartbeat.withoutSub() ? null : consumer.subscriptionDataSet());
        }
        for (HeartbeatData.ProducerData producer : heartbeat.producerDataSet()) {
            context.producers().register(producer.groupName(), new ClientChannelInfo(ctx.channel(),
                    heartbeat.clientID(), request.language(), request.version(), now));
        }
        // Always "changed": a heartbeat-v2 client then keeps sending full heartbeats, which this broker
        // handles without fingerprints (shared/protocol/03-broker-client.md section 6.2).
        return RemotingCommand.response(ResponseCode.SUCCESS, null)
                .putExtField("IS_SUPPORT_HEART_BEAT_V2", "true")
                .putExtField("IS_SUB_CHANGE", "true");
    }

    private RemotingCommand unregister(RequestContext ctx, RemotingCommand request) throws Exception {
        ConsumeHeaders.UnregisterClient header = request.readHeader(ConsumeHeaders.UnregisterClient.class);
        if (header.producerGroup() != null) {
            context.producers().unregister(header.producerGroup(), ctx.channel());
        }
        if (header.consumerGroup() != null) {
            context.consumers().unregister(header.consumerGroup(), ctx.channel());
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null).extFields(new java.util.HashMap<>());
    }

    private RemotingCommand checkClientConfig(RemotingCommand request) throws RequestRejectedException {
        CheckClientRequestBody body = decode(request, CheckClientRequestBody.class);
        SubscriptionData subscription = body.subscriptionData();
        if (subscription == null || subscription.isTagType()) {
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }
        if (!context.config().enablePropertyFilter()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, SQL92_UNSUPPORTED);
        }
        // Property filtering is switched on but no SQL92 evaluator exists yet: refusing now makes the
        // consumer fail at start() rather than receive unfiltered messages later.
        return RemotingCommand.response(ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                "SQL92 filtering is not available on this broker yet: " + subscription.subString());
    }

    private static <T> T decode(RemotingCommand request, Class<T> type) throws RequestRejectedException {
        try {
            return JsonBody.decode(request.body(), type);
        } catch (BodyException e) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }
}
