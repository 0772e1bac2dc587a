package io.apogee.client.runtime;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.header.TransactionHeaders.CheckTransactionState;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code CHECK_TRANSACTION_STATE} (shared/protocol/03-broker-client.md section 15.3): decodes
 * the half message, finds the producer of its {@code PGROUP} and hands the check to it. The request is
 * oneway, so nothing is answered here; the producer answers with its own {@code END_TRANSACTION}.
 * A check it cannot route (no body, no group, no such producer) is dropped with a log line, as the
 * broker will ask again. Thread-safe.
 */
final class TransactionCheckProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckProcessor.class);

    private final Function<String, ProducerMember> producers;

    TransactionCheckProcessor(Function<String, ProducerMember> producers) {
        this.producers = producers;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        CheckTransactionState check = request.readHeader(CheckTransactionState.class);
        if (request.body() == null || request.body().length == 0) {
            LOG.warn("transaction check from {} without a message, header={}", context.remoteAddress(), check);
            return CompletableFuture.completedFuture(null);
        }
        MessageRecord half = MessageRecordDecoder.decode(ByteBuffer.wrap(request.body()));
        String group = half.property(PropertyNames.PGROUP);
        ProducerMember producer = group == null ? null : producers.apply(group);
        TransactionCheckHandler handler = producer == null ? null : producer.transactionCheckHandler();
        if (handler == null) {
            LOG.warn("transaction check from {} for group {} that has no transactional producer here, msgId={}",
                    context.remoteAddress(), group, check.msgId());
            return CompletableFuture.completedFuture(null);
        }
        handler.onCheck(context.remoteAddress(), check, half);
        return CompletableFuture.completedFuture(null);
    }
}
