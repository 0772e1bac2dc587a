package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.QueryHeaders;
import io.apogee.store.QueryMessageResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code QUERY_MESSAGE} (12) and {@code VIEW_MESSAGE_BY_ID} (33): stored records found by key or by
 * commit-log offset, sent back as they are on disk, concatenated (shared/protocol/03-broker-client.md
 * section 12). Thread-safe.
 */
public final class QueryMessageProcessor implements RequestProcessor {
    private final BrokerContext context;

    public QueryMessageProcessor(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.QUERY_MESSAGE -> query(request);
            case RequestCode.VIEW_MESSAGE_BY_ID -> view(request);
            default -> throw new RequestRejectedException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        });
    }

    private RemotingCommand query(RemotingCommand request) throws Exception {
        QueryHeaders.QueryMessage header = request.readHeader(QueryHeaders.QueryMessage.class);
        // The client asks for 32 on unique-key queries whatever the user said; the broker decides.
        int maxNum = "true".equals(request.extField(QueryHeaders.UNIQUE_KEY_QUERY))
                ? context.config().defaultQueryMaxNum() : header.maxNum();
        QueryMessageResult found = context.store().queryMessage(header.topic(), header.key(), maxNum,
                header.beginTimestamp(), header.endTimestamp());
        if (found.buffers().isEmpty()) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                    "can not find message, maybe time range not correct");
        }
        long lastStoreTime = 0;
        long lastOffset = 0;
        for (int i = 0; i < found.buffers().size(); i++) {
            ByteBuffer record = found.buffers().get(i);
            int sysFlag = record.getInt(record.position() + MessageRecordLayout.SYS_FLAG_OFFSET);
            lastStoreTime = Math.max(lastStoreTime,
                    record.getLong(record.position() + MessageRecordLayout.storeTimestampOffset(sysFlag)));
            lastOffset = Math.max(lastOffset, found.physicalOffsets().get(i));
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null)
                .writeHeader(new QueryHeaders.QueryMessageResponse(lastStoreTime, lastOffset))
                .body(concat(found.buffers()));
    }

    private RemotingCommand view(RemotingCommand request) throws Exception {
        QueryHeaders.ViewMessage header = request.readHeader(QueryHeaders.ViewMessage.class);
        ByteBuffer record = header.offset() < 0 ? null : context.store().readRecord(header.offset());
        if (record == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "can not find message by the offset, " + header.offset());
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(concat(List.of(record)));
    }

    /** The records back to back; copied because a response body is a byte array. */
    private static byte[] concat(List<ByteBuffer> records) {
        int total = 0;
        for (ByteBuffer b : records) {
            total += b.remaining();
        }
        byte[] out = new byte[total];
        int at = 0;
        for (ByteBuffer b : records) {
            int n = b.remaining();
            b.duplicate().get(out, at, n);
            at += n;
        }
        return out;
    }
}
