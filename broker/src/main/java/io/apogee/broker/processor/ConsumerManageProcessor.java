package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.lock.QueueLockTable;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.ConsumerListBody;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a consumer group asks about itself: its member list ({@code GET_CONSUMER_LIST_BY_GROUP}), its
 * committed offsets ({@code QUERY_CONSUMER_OFFSET}, {@code UPDATE_CONSUMER_OFFSET}) and its orderly
 * queue locks ({@code LOCK_BATCH_MQ}, {@code UNLOCK_BATCH_MQ}); shared/protocol/03-broker-client.md
 * sections 8, 11.1, 11.2 and 17. Thread-safe: the state lives in the context's managers and the
 * lock table.
 */
public final class ConsumerManageProcessor implements RequestProcessor {
    static final String QUERY_NOT_FOUND_REMARK = "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first";
    static final String PREVIOUSLY_RESET_REMARK = "Offset has been previously reset";
    private static final long IN_MEMORY_BYTES = inMemoryBytes();

    private final BrokerContext context;
    private final QueueLockTable locks;

    public ConsumerManageProcessor(BrokerContext context, QueueLockTable locks) {
        this.context = context;
        this.locks = locks;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            case RequestCode.QUERY_CONSUMER_OFFSET -> queryOffset(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> updateOffset(request);
            case RequestCode.LOCK_BATCH_MQ -> lock(request);
            case RequestCode.UNLOCK_BATCH_MQ -> unlock(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a consumer-management request");
        };
        return CompletableFuture.completedFuture(response);
    }

    private RemotingCommand consumerList(RemotingCommand request) throws Exception {
        String group = request.readHeader(ConsumeHeaders.GetConsumerListByGroup.class).consumerGroup();
        ConsumerGroupInfo info = context.consumers().group(group);
        List<String> ids = info == null ? List.of() : info.clientIds();
        if (ids.isEmpty()) {
            // The client treats a success without a body as an error, so "none" must be an error here.
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }
        return success().body(JsonBody.encode(new ConsumerListBody(ids)));
    }

    private RemotingCommand queryOffset(RemotingCommand request) throws Exception {
        ConsumeHeaders.QueryConsumerOffset header = request.readHeader(ConsumeHeaders.QueryConsumerOffset.class);
        long offset = context.offsets().query(header.consumerGroup(), header.topic(), header.queueId());
        if (offset >= 0) {
            return offsetResponse(offset);
        }
        if (!Boolean.FALSE.equals(header.setZeroIfNotFound()) && queueStartsWithAMessage(header.topic(),
                header.queueId())) {
            // A new group reads a queue from its start when that start is still there, whatever its
            // consume-from-where says: what the official broker does, and what clients have come to expect.
            return offsetResponse(0);
        }
        return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, QUERY_NOT_FOUND_REMARK);
    }

    /**
     * Whether the queue still starts at offset 0 and that first message is "hot": within
     * {@link #IN_MEMORY_BYTES} of the CommitLog's end, where it is most likely still in the page cache.
     * A new group is then sent to the start of a recent queue, but not to the start of years of data.
     */
    private boolean queueStartsWithAMessage(String topic, int queueId) {
        if (context.store().minOffsetInQueue(topic, queueId) > 0) {
            return false;
        }
        GetMessageResult first = context.store().getMessages(topic, queueId, 0, 1, Integer.MAX_VALUE,
                MessageFilter.all());
        if (first.status() != GetMessageStatus.FOUND) {
            return false;
        }
        ByteBuffer record = first.buffers().get(0);
        long physicalOffset = record.getLong(record.position() + MessageRecordLayout.PHYSICAL_OFFSET_OFFSET);
        return context.store().commitLogMaxOffset() - physicalOffset <= IN_MEMORY_BYTES;
    }

    /** RocketMQ's {@code accessMessageInMemoryMaxRatio} (40) of the machine's memory. */
    private static long inMemoryBytes() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize() / 100 * 40;
            }
        } catch (RuntimeException | LinkageError e) {
            // No memory figure on this JVM: count everything as hot rather than refuse the rule.
        }
        return Long.MAX_VALUE;
    }

    private RemotingCommand updateOffset(RemotingCommand request) throws Exception {
        ConsumeHeaders.UpdateConsumerOffset header = request.readHeader(ConsumeHeaders.UpdateConsumerOffset.class);
        if (context.groups().get(header.consumerGroup()) == null) {
            throw new RequestRejectedException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group [" + header.consumerGroup() + "] does not exist");
        }
        if (context.topics().get(header.topic()) == null) {
            throw new RequestRejectedException(ResponseCode.TOPIC_NOT_EXIST,
                    "topic [" + header.topic() + "] does not exist");
        }
        if (header.queueId() < 0 || header.commitOffset() < 0) {
            throw new RequestRejectedException(ResponseCode.INVALID_PARAMETER, "queueId " + header.queueId()
                    + " and commitOffset " + header.commitOffset() + " must not be negative");
        }
        if (context.offsets().hasPendingReset(header.consumerGroup(), header.topic(), header.queueId())) {
            // The consumer has not seen the operator's reset yet; its old offset must not overwrite it.
            return success().remark(PREVIOUSLY_RESET_REMARK);
        }
        context.offsets().commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        return success();
    }

    private RemotingCommand lock(RemotingCommand request) throws RequestRejectedException {
        LockBatchRequestBody body = decodeLockBody(request);
        Set<MessageQueue> locked = locks.lock(body.consumerGroup(), body.clientId(), body.mqSet());
        return RemotingCommand.response(ResponseCode.SUCCESS, null)
                .body(JsonBody.encode(new LockBatchResponseBody(locked)));
    }

    private RemotingCommand unlock(RemotingCommand request) throws RequestRejectedException {
        LockBatchRequestBody body = decodeLockBody(request);
        locks.unlock(body.consumerGroup(), body.clientId(), body.mqSet());
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private static LockBatchRequestBody decodeLockBody(RemotingCommand request) throws RequestRejectedException {
        LockBatchRequestBody body;
        try {
            body = JsonBody.decode(request.body(), LockBatchRequestBody.class);
        } catch (BodyException e) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        if (body.consumerGroup() == null || body.clientId() == null) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR,
                    "a lock request needs consumerGroup and clientId");
        }
        return body;
    }

    private static RemotingCommand offsetResponse(long offset) {
        return RemotingCommand.response(ResponseCode.SUCCESS, null)
                .writeHeader(new ConsumeHeaders.OffsetResult(offset));
    }

    /** SUCCESS with {@code "extFields":{}}, as the official broker answers these requests. */
    private static RemotingCommand success() {
        return RemotingCommand.response(ResponseCode.SUCCESS, null).extFields(new HashMap<>());
    }
}
