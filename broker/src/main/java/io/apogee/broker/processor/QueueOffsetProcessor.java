package io.apogee.broker.processor;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.store.MessageStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a queue stands: {@code GET_MAX_OFFSET}, {@code GET_MIN_OFFSET},
 * {@code SEARCH_OFFSET_BY_TIMESTAMP} and {@code GET_EARLIEST_MSG_STORETIME}
 * (shared/protocol/03-broker-client.md section 11.3). All answer {@code SUCCESS}; an unknown queue
 * reads as empty (offset 0, time -1), as the client expects. Stateless; thread-safe.
 */
public final class QueueOffsetProcessor implements RequestProcessor {
    private final MessageStore store;

    public QueueOffsetProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.GET_MAX_OFFSET -> {
                ConsumeHeaders.GetMaxOffset h = request.readHeader(ConsumeHeaders.GetMaxOffset.class);
                yield offset(store.maxOffsetInQueue(h.topic(), h.queueId()));
            }
            case RequestCode.GET_MIN_OFFSET -> {
                ConsumeHeaders.TopicQueue h = request.readHeader(ConsumeHeaders.TopicQueue.class);
                yield offset(store.minOffsetInQueue(h.topic(), h.queueId())).remark("");
            }
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> {
                ConsumeHeaders.SearchOffset h = request.readHeader(ConsumeHeaders.SearchOffset.class);
                boolean upper = "UPPER".equalsIgnoreCase(h.boundaryType());
                yield offset(store.offsetInQueueByTime(h.topic(), h.queueId(), h.timestamp(), upper));
            }
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> {
                ConsumeHeaders.TopicQueue h = request.readHeader(ConsumeHeaders.TopicQueue.class);
                yield RemotingCommand.response(ResponseCode.SUCCESS, null).writeHeader(
                        new ConsumeHeaders.StoreTimestampResult(store.earliestMessageTime(h.topic(), h.queueId())));
            }
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a queue-offset request");
        };
        return CompletableFuture.completedFuture(response);
    }

    private static RemotingCommand offset(long offset) {
        return RemotingCommand.response(ResponseCode.SUCCESS, null).writeHeader(new ConsumeHeaders.OffsetResult(offset));
    }
}
