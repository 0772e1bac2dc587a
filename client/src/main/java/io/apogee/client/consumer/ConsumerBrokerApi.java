package io.apogee.client.consumer;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.client.ReceivedMessage;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.common.message.MessageIds;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.remoting.protocol.header.SendHeaders;
import java.util.HashMap;
import java.util.Set;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.ConsumerListBody;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The consumer's calls to brokers, asynchronous: pulls (answers decoded on {@code decoder}, never on a
 * Netty thread), offset queries and commits, queue bounds and the group's members. Failures are
 * {@link BrokerException} (an error code) or {@link ClientException}. Thread-safe.
 */
final class ConsumerBrokerApi {
    private final NettyRemotingClient remoting;
    private final String group;
    private final long timeoutMillis;

    ConsumerBrokerApi(NettyRemotingClient remoting, String group, long timeoutMillis) {
        this.remoting = remoting;
        this.group = group;
        this.timeoutMillis = timeoutMillis;
    }

    /** A long-polling pull; the result is decoded and tag-filtered on {@code decoder}. */
    CompletableFuture<PullResult> pull(String addr, MessageQueue queue, long offset, PullSettings settings,
            SubscriptionData subscription, Executor decoder) {
        RemotingCommand request = ConsumerRequests.pull(group, queue, offset, settings, subscription);
        return remoting.invokeAsync(addr, request, settings.callTimeoutMillis())
                .thenApplyAsync(response -> pullResult(addr, response, subscription), decoder);
    }

    private static PullResult pullResult(String addr, RemotingCommand response, SubscriptionData subscription) {
        PullResult.Status status = switch (response.code()) {
            case ResponseCode.SUCCESS -> PullResult.Status.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullResult.Status.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullResult.Status.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullResult.Status.OFFSET_ILLEGAL;
            default -> throw new BrokerException(response.code(), response.remark(), addr);
        };
        PullMessageResponseHeader header = header(addr, response, PullMessageResponseHeader.class);
        List<ReceivedMessage> messages = List.of();
        if (status == PullResult.Status.FOUND && response.body() != null) {
            messages = new ArrayList<>();
            for (MessageRecord record : MessageRecordDecoder.decodeAll(ByteBuffer.wrap(response.body()))) {
                if (TagFilter.accepts(subscription, record)) {
                    messages.add(ReceivedMessage.of(record));
                }
            }
        }
        return new PullResult(status, header.nextBeginOffset(), header.minOffset(), header.maxOffset(), messages);
    }

    /** The group's committed offset of {@code queue}; empty when the broker has none. */
    CompletableFuture<OptionalLong> queryOffset(String addr, MessageQueue queue) {
        return remoting.invokeAsync(addr, ConsumerRequests.queryOffset(group, queue), timeoutMillis)
                .thenApply(response -> {
                    if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
                        return OptionalLong.empty();
                    }
                    return OptionalLong.of(offset(addr, response));
                });
    }

    /** Commits oneway, as consumers do: nothing to wait for. */
    void updateOffset(String addr, MessageQueue queue, long offset) throws InterruptedException {
        try {
            remoting.invokeOneway(addr, ConsumerRequests.updateOffset(group, queue, offset), timeoutMillis);
        } catch (io.apogee.remoting.RemotingException e) {
            throw new ClientException("commit of " + queue + " at " + offset + " to " + addr + " failed: " + e, e);
        }
    }

    /** Commits and waits for the broker's answer (an explicit {@code commit()}). */
    CompletableFuture<Void> commit(String addr, MessageQueue queue, long offset) {
        RemotingCommand request = ConsumerRequests.updateOffset(group, queue, offset);
        request.flag(request.flag() & ~RemotingCommand.ONEWAY_FLAG);
        return remoting.invokeAsync(addr, request, timeoutMillis).thenAccept(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerException(response.code(), response.remark(), addr);
            }
        });
    }

    CompletableFuture<Long> maxOffset(String addr, MessageQueue queue) {
        return remoting.invokeAsync(addr, ConsumerRequests.maxOffset(queue), timeoutMillis)
                .thenApply(response -> offset(addr, response));
    }

    CompletableFuture<Long> minOffset(String addr, MessageQueue queue) {
        return remoting.invokeAsync(addr, ConsumerRequests.minOffset(queue), timeoutMillis)
                .thenApply(response -> offset(addr, response));
    }

    CompletableFuture<Long> searchOffset(String addr, MessageQueue queue, long timestamp) {
        return remoting.invokeAsync(addr, ConsumerRequests.searchOffset(queue, timestamp), timeoutMillis)
                .thenApply(response -> offset(addr, response));
    }

    /** The client ids of the group's live members, as the broker at {@code addr} knows them. */
    CompletableFuture<List<String>> consumerList(String addr) {
        return remoting.invokeAsync(addr, ConsumerRequests.consumerList(group), timeoutMillis).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
                throw new BrokerException(response.code(), response.remark(), addr);
            }
            try {
                return JsonBody.decode(response.body(), ConsumerListBody.class).consumerIdList();
            } catch (BodyException e) {
                throw new ClientException("bad consumer list from " + addr + ": " + e.getMessage(), e);
            }
        });
    }

    /** {@code LOCK_BATCH_MQ}: the subset of {@code queues} this client holds the lock of afterwards. */
    CompletableFuture<Set<MessageQueue>> lock(String addr, String clientId, Set<MessageQueue> queues) {
        RemotingCommand request = RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).extFields(new HashMap<>())
                .body(JsonBody.encode(new LockBatchRequestBody(group, clientId, false, queues)));
        return remoting.invokeAsync(addr, request, timeoutMillis).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerException(response.code(), response.remark(), addr);
            }
            if (response.body() == null) {
                return Set.of();
            }
            try {
                return JsonBody.decode(response.body(), LockBatchResponseBody.class).lockOKMQSet();
            } catch (BodyException e) {
                throw new ClientException("bad lock answer from " + addr + ": " + e.getMessage(), e);
            }
        });
    }

    /** {@code UNLOCK_BATCH_MQ}; failures are the caller's to log (locks also expire on the broker). */
    CompletableFuture<Void> unlock(String addr, String clientId, Set<MessageQueue> queues) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ).extFields(new HashMap<>())
                .body(JsonBody.encode(new LockBatchRequestBody(group, clientId, false, queues)));
        return remoting.invokeAsync(addr, request, timeoutMillis).thenAccept(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerException(response.code(), response.remark(), addr);
            }
        });
    }

    /**
     * {@code CONSUMER_SEND_MSG_BACK}: the broker stores {@code message} again in the group's retry topic
     * (or its dead-letter topic: {@code delayLevel < 0}, or reconsumed {@code maxReconsumeTimes} times).
     */
    CompletableFuture<Void> sendBack(String addr, String brokerName, ReceivedMessage message, int delayLevel,
            int maxReconsumeTimes) {
        long commitLogOffset = MessageIds.decode(message.offsetMsgId()).offset();
        RemotingCommand request = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                new SendHeaders.ConsumerSendMsgBack(commitLogOffset, group, delayLevel, message.msgId(),
                        message.topic(), false, maxReconsumeTimes, brokerName));
        return remoting.invokeAsync(addr, request, timeoutMillis).thenAccept(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerException(response.code(), response.remark(), addr);
            }
        });
    }

    private static long offset(String addr, RemotingCommand response) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new BrokerException(response.code(), response.remark(), addr);
        }
        return header(addr, response, ConsumeHeaders.OffsetResult.class).offset();
    }

    private static <T extends io.apogee.remoting.protocol.header.CommandHeader> T header(String addr,
            RemotingCommand response, Class<T> type) {
        try {
            return response.readHeader(type);
        } catch (HeaderException e) {
            throw new ClientException("bad " + type.getSimpleName() + " from " + addr + ": " + e.getMessage(), e);
        }
    }
}
