package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.schedule.ScheduleRewrite;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.transaction.HalfMessages;
import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.BatchEntry;
import io.apogee.common.message.CorruptRecordException;
import io.apogee.common.message.HostCodec;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import io.apogee.common.message.UniqueKeyGenerator;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.SendHeaders;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.dispatch.DelayLevels;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code SEND_MESSAGE} (10), {@code SEND_MESSAGE_V2} (310) and {@code SEND_BATCH_MESSAGE} (320), in the
 * official order of checks (shared/protocol/03-broker-client.md section 5.5). The response is built
 * when the store's future completes, on whatever thread completes it; no thread waits for the disk.
 * Every response, errors included, carries {@code MSG_REGION} and {@code TRACE_ON}. Thread-safe.
 *
 * <p>A prepared transactional message is stored as a half message ({@link HalfMessages}); a message with
 * a delay level is parked in the schedule topic ({@link ScheduleRewrite}) for the delivery service.
 */
public final class SendMessageProcessor implements RequestProcessor {
    /** Requesters at or above this version send their own max reconsume times on re-sent retries. */
    private static final int VERSION_WITH_MAX_RECONSUME = 121;

    private final BrokerContext context;
    private final BrokerStats stats;
    private final SendTopicCheck topicCheck;
    private final UniqueKeyGenerator uniqueKeys;
    private final int maxDelayLevel;

    public SendMessageProcessor(BrokerContext context, BrokerStats stats) {
        this.context = context;
        this.stats = stats;
        this.topicCheck = new SendTopicCheck(context.config(), context.topics());
        this.uniqueKeys = new UniqueKeyGenerator(context.storeHost().getAddress(), context.clock());
        this.maxDelayLevel = DelayLevels.parse(context.store().config().messageDelayLevel()).maxLevel();
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) {
        CompletionStage<RemotingCommand> response;
        try {
            response = send(ctx, request);
        } catch (RequestRejectedException e) {
            response = CompletableFuture.completedFuture(RemotingCommand.response(e.responseCode(), e.getMessage()));
        } catch (HeaderException e) {
            response = CompletableFuture.completedFuture(
                    RemotingCommand.response(ResponseCode.SYSTEM_ERROR, e.getMessage()));
        }
        return response.thenApply(this::withBrokerFields);
    }

    private RemotingCommand withBrokerFields(RemotingCommand response) {
        return response.putExtField(PropertyNames.MSG_REGION, context.config().regionId())
                .putExtField(PropertyNames.TRACE_ON, Boolean.toString(context.config().traceOn()));
    }

    private CompletionStage<RemotingCommand> send(RequestContext ctx, RemotingCommand request)
            throws RequestRejectedException, HeaderException {
        SendRequest send = SendRequest.read(request);
        if (context.clock().millis() < context.config().startAcceptSendRequestTimeStamp()) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR,
                    "broker unable to service, until " + context.config().startAcceptSendRequestTimeStamp());
        }
        TopicConfig topic = topicCheck.topicFor(send);
        int queueId = SendTopicCheck.queueFor(send, topic, ctx.remoteAddress());
        byte[] body = request.body() == null ? new byte[0] : request.body();
        int maxSize = context.store().config().maxMessageSize();
        if (body.length > maxSize) {
            throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL,
                    "the message body size " + body.length + " is larger than maxMessageSize " + maxSize);
        }
        Map<String, String> properties = new LinkedHashMap<>(MessageProperties.decode(send.properties()));
        properties.remove(MessageKeys.POP_CK);
        properties.put(PropertyNames.MSG_REGION, context.config().regionId());
        properties.put(PropertyNames.TRACE_ON, Boolean.toString(context.config().traceOn()));
        properties.put(PropertyNames.CLUSTER, context.config().brokerClusterName());

        String targetTopic = topic.topicName();
        boolean retry = SystemTopics.isRetryTopic(targetTopic);
        if (retry) {
            if (send.batch()) {
                throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL,
                        "batch request does not support retry group " + targetTopic);
            }
            if (goesToDeadLetters(send, request.version(), targetTopic)) {
                String group = targetTopic.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length());
                targetTopic = context.topics().createSystemTopicIfAbsent(SystemTopics.dlqTopic(group), 1,
                        Permission.READ_WRITE).topicName();
                queueId = 0;
                properties.put(PropertyNames.DELAY, "-1");
            }
        }
        int sysFlag = send.sysFlag();
        int storeQueueId = queueId;
        if (send.batch() && (HalfMessages.isPrepared(sysFlag, properties)
                || ScheduleRewrite.level(properties.get(PropertyNames.DELAY)) > 0)) {
            throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL,
                    "batch message does not support transaction or delay level");
        }
        if (!retry && !send.batch() && HalfMessages.isPrepared(sysFlag, properties)) {
            if (context.config().rejectTransactionMessage()) {
                throw new RequestRejectedException(ResponseCode.NO_PERMISSION, "the broker["
                        + context.config().brokerIP1() + "] sending transaction message is forbidden");
            }
            // A half message waits, invisible, in the half topic until END_TRANSACTION or a check-back; its
            // prepared bits are cleared so that the half queue itself indexes it (section 15.1).
            properties.computeIfAbsent(PropertyNames.UNIQ_KEY, k -> uniqueKeys.next());
            HalfMessages.toHalf(properties, targetTopic, queueId);
            sysFlag &= ~MessageSysFlag.TRANSACTION_MASK;
            targetTopic = SystemTopics.TRANS_HALF_TOPIC;
            storeQueueId = 0;
        } else if (!send.batch() && MessageSysFlag.transactionType(sysFlag) != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            ScheduleRewrite.Target delayed = ScheduleRewrite.apply(properties, targetTopic, queueId, maxDelayLevel);
            if (delayed != null) {
                targetTopic = delayed.topic();
                storeQueueId = delayed.queueId();
            }
        }
        // The response names the requested queue even when the message is parked elsewhere (section 14.1).
        MessageRecord.Builder template = MessageRecord.builder().topic(targetTopic).queueId(storeQueueId)
                .sysFlag(sysFlag).bornTimestamp(send.bornTimestamp()).bornHost(bornHost(ctx))
                .storeHost(context.storeHost()).reconsumeTimes(send.reconsumeTimes());
        return send.batch() ? putBatch(template, queueId, body, properties)
                : putOne(template, queueId, send, body, properties);
    }

    /** Section 5.5 step 8: a re-sent retry past its limit goes to the group's dead-letter topic. */
    private boolean goesToDeadLetters(SendRequest send, int requesterVersion, String retryTopic)
            throws RequestRejectedException {
        String group = retryTopic.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length());
        SubscriptionGroupConfig groupConfig = context.groups().getOrCreate(group);
        if (groupConfig == null) {
            throw new RequestRejectedException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + group + SendTopicCheck.FAQ);
        }
        int max = requesterVersion >= VERSION_WITH_MAX_RECONSUME && send.maxReconsumeTimes() != null
                ? send.maxReconsumeTimes() : groupConfig.retryMaxTimes();
        return send.reconsumeTimes() > max;
    }

    private CompletionStage<RemotingCommand> putOne(MessageRecord.Builder template, int queueId, SendRequest send,
            byte[] body, Map<String, String> properties) throws RequestRejectedException {
        properties.computeIfAbsent(PropertyNames.UNIQ_KEY, k -> uniqueKeys.next());
        String encoded = checkedProperties(properties);
        MessageRecord message = template.flag(send.flag()).body(body).properties(encoded).build();
        String uniqKey = properties.get(PropertyNames.UNIQ_KEY);
        return context.store().put(message).thenApply(result -> {
            if (!result.status().isStored()) {
                stats.putFailed();
                return StoreResponses.refusal(result);
            }
            stats.stored(1, body.length);
            return success(result, result.append().offsetMessageId(), queueId, uniqKey);
        });
    }

    private CompletionStage<RemotingCommand> putBatch(MessageRecord.Builder template, int queueId, byte[] body,
            Map<String, String> headerProperties) throws RequestRejectedException {
        List<BatchEntry> entries;
        try {
            entries = BatchBodyCodec.decode(body);
        } catch (CorruptRecordException e) {
            throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL, "bad batch body: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL, "the batch is empty");
        }
        String batchProperties = MessageProperties.encode(headerProperties);
        List<MessageRecord> messages = new ArrayList<>(entries.size());
        long bodyBytes = 0;
        for (BatchEntry entry : entries) {
            String stored = BatchBodyCodec.storedProperties(entry.properties(), batchProperties);
            checkPropertiesLength(stored);
            messages.add(template.flag(entry.flag()).body(entry.body()).properties(stored).build());
            bodyBytes += entry.body().length;
        }
        long totalBodyBytes = bodyBytes;
        String uniqKey = headerProperties.get(PropertyNames.UNIQ_KEY);
        return context.store().putBatch(messages).thenApply(result -> {
            if (!result.status().isStored()) {
                stats.putFailed();
                return StoreResponses.refusal(result);
            }
            stats.stored(messages.size(), totalBodyBytes);
            return success(result, batchMessageIds(result, messages), queueId, uniqKey);
        });
    }

    private static RemotingCommand success(PutMessageResult result, String msgId, int queueId, String uniqKey) {
        return RemotingCommand.response(StoreResponses.codeOf(result), null).writeHeader(
                new SendHeaders.SendMessageResponse(msgId, queueId, result.append().queueOffset(), uniqKey, null, null));
    }

    /** The offset ids of a batch's records, which the store wrote back to back from the first offset. */
    private String batchMessageIds(PutMessageResult result, List<MessageRecord> messages) {
        StringBuilder ids = new StringBuilder(messages.size() * 33);
        long offset = result.append().wroteOffset();
        InetSocketAddress storeHost = result.append().storeHost();
        for (MessageRecord m : messages) {
            if (ids.length() > 0) {
                ids.append(',');
            }
            ids.append(MessageIds.offsetMessageId(storeHost, offset));
            offset += recordLength(m);
        }
        return ids.toString();
    }

    private static int recordLength(MessageRecord m) {
        int sysFlag = m.sysFlag();
        if (HostCodec.isV6(m.bornHost())) {
            sysFlag |= MessageSysFlag.BORNHOST_V6;
        }
        if (HostCodec.isV6(m.storeHost())) {
            sysFlag |= MessageSysFlag.STOREHOST_V6;
        }
        int topicLength = m.topic().getBytes(StandardCharsets.UTF_8).length;
        int propertiesLength = m.properties() == null ? 0 : m.properties().getBytes(StandardCharsets.UTF_8).length;
        return MessageRecordLayout.recordLength(sysFlag, m.body().length, MessageRecordLayout.magicFor(topicLength),
                topicLength, propertiesLength);
    }

    private static String checkedProperties(Map<String, String> properties) throws RequestRejectedException {
        String encoded = MessageProperties.encode(properties);
        checkPropertiesLength(encoded);
        return encoded;
    }

    private static void checkPropertiesLength(String encoded) throws RequestRejectedException {
        int length = encoded.getBytes(StandardCharsets.UTF_8).length;
        if (length > MessageRecordLayout.MAX_PROPERTIES_LENGTH) {
            throw new RequestRejectedException(ResponseCode.MESSAGE_ILLEGAL,
                    "message properties length limit 32KB, propertiesLength=" + length);
        }
    }

    private InetSocketAddress bornHost(RequestContext ctx) {
        return ctx.channel() != null && ctx.channel().remoteAddress() instanceof InetSocketAddress peer
                ? peer : context.storeHost();
    }
}
