package io.apogee.broker.transaction;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.schedule.ScheduleRewrite;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code END_TRANSACTION} (37; shared/protocol/03-broker-client.md section 15.2): a producer commits or
 * rolls back a half message. Commit stores the real message, then records the half as finished; rollback
 * only records it. The request is oneway, so the response built here is never sent (the dispatcher drops
 * it); refusals are logged instead, and still returned for callers that do wait. Thread-safe.
 */
public final class EndTransactionProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);

    private final BrokerContext context;
    private final TransactionOpLog ops;
    private final int maxDelayLevel;

    public EndTransactionProcessor(BrokerContext context, TransactionOpLog ops, int maxDelayLevel) {
        this.context = context;
        this.ops = ops;
        this.maxDelayLevel = maxDelayLevel;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        TransactionHeaders.EndTransaction header = request.readHeader(TransactionHeaders.EndTransaction.class);
        if ("SLAVE".equalsIgnoreCase(context.config().brokerRole())) {
            return refuse(ResponseCode.SLAVE_NOT_AVAILABLE, "the broker is a slave", header);
        }
        int outcome = header.commitOrRollback();
        if (outcome != MessageSysFlag.TRANSACTION_COMMIT_TYPE && outcome != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            // Unknown (0) or anything else: the half stays, and the checker will ask again.
            return done(ResponseCode.SUCCESS, null);
        }
        MessageRecord half = context.store().lookMessageByOffset(header.commitLogOffset());
        String problem = mismatch(half, header);
        if (problem != null) {
            return refuse(ResponseCode.SYSTEM_ERROR, problem, header);
        }
        long halfOffset = half.queueOffset();
        if (!ops.claim(halfOffset)) {
            LOG.debug("transaction {} of {} already finished", header.msgId(), header.producerGroup());
            return done(ResponseCode.SUCCESS, null);
        }
        if (outcome == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return finish(halfOffset, header);
        }
        return commit(half, header);
    }

    /** Section 15.2's checks; null when the half message is the one the producer names. */
    private static String mismatch(MessageRecord half, TransactionHeaders.EndTransaction header) {
        if (half == null || !SystemTopics.TRANS_HALF_TOPIC.equals(half.topic())) {
            return "find prepared transaction message failed, commitLogOffset=" + header.commitLogOffset();
        }
        if (!header.producerGroup().equals(half.property(PropertyNames.PGROUP))) {
            return "the producer group wrong, " + header.producerGroup();
        }
        if (half.queueOffset() != header.tranStateTableOffset()) {
            return "the transaction state table offset wrong, " + header.tranStateTableOffset();
        }
        if (half.physicalOffset() != header.commitLogOffset()) {
            return "the commit log offset wrong, " + header.commitLogOffset();
        }
        return null;
    }

    private CompletionStage<RemotingCommand> commit(MessageRecord half, TransactionHeaders.EndTransaction header) {
        Map<String, String> properties = half.propertyMap();
        String topic = HalfMessages.realTopic(half);
        int queueId = HalfMessages.realQueueId(half);
        // A committed message with a delay level waits in the schedule topic like any other.
        ScheduleRewrite.Target delayed = ScheduleRewrite.apply(properties, topic, queueId, maxDelayLevel);
        MessageRecord real = delayed == null ? HalfMessages.committed(half, properties, topic, queueId)
                : HalfMessages.committed(half, properties, delayed.topic(), delayed.queueId());
        return context.store().put(real).thenCompose(result -> {
            if (!result.status().isStored()) {
                ops.release(half.queueOffset());
                return refuse(ResponseCode.SYSTEM_ERROR, "commit failed: " + result.status(), header);
            }
            return finish(half.queueOffset(), header);
        });
    }

    private CompletionStage<RemotingCommand> finish(long halfOffset, TransactionHeaders.EndTransaction header) {
        return ops.record(halfOffset).thenApply(stored -> {
            if (!stored) {
                // Finished in memory; only a restart before the next op entry would check it again.
                LOG.warn("could not record transaction {} (half offset {}) as finished", header.msgId(), halfOffset);
            }
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        });
    }

    private static CompletionStage<RemotingCommand> refuse(int code, String remark,
            TransactionHeaders.EndTransaction header) {
        LOG.warn("END_TRANSACTION {} of {} refused: {}", header.msgId(), header.producerGroup(), remark);
        return done(code, remark);
    }

    private static CompletionStage<RemotingCommand> done(int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.response(code, remark));
    }
}
