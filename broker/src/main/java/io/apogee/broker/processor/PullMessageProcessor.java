package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.longpolling.HeldPull;
import io.apogee.broker.longpolling.PullRequestHoldService;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code PULL_MESSAGE} and {@code LITE_PULL_MESSAGE} (shared/protocol/03-broker-client.md section 10):
 * checks the pull, honours an operator's pending reset, reads the queue through the subscription's
 * tag filter, stores the offset the request commits, and answers with the stored records as the body,
 * sent from the mapped files without a heap copy. A pull that finds nothing new and may wait is
 * parked with the {@link PullRequestHoldService} and answered later.
 *
 * <p>Thread-safe: the state lives in the context's managers and the store.
 */
public final class PullMessageProcessor implements RequestProcessor, PullRequestHoldService.Reexecutor {
    private final BrokerContext context;
    private final PullGate gate;
    private volatile PullRequestHoldService holds;

    public PullMessageProcessor(BrokerContext context) {
        this.context = context;
        this.gate = new PullGate(context);
    }

    /** Wires the long-polling service; pulls are answered at once until it is set. */
    public void holdWith(PullRequestHoldService holds) {
        this.holds = holds;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        ConsumeHeaders.PullMessage header = request.readHeader(ConsumeHeaders.PullMessage.class);
        return CompletableFuture.completedFuture(pull(ctx, request, header, true));
    }

    @Override
    public RemotingCommand reexecute(HeldPull pull) throws Exception {
        return pull(pull.context(), pull.request(), pull.request().readHeader(ConsumeHeaders.PullMessage.class),
                false);
    }

    @Override
    public RemotingCommand closingResponse(HeldPull pull) {
        return response(new PullOutcome(ResponseCode.PULL_NOT_FOUND, pull.queueOffset(), "broker shutting down"),
                pull.topic(), pull.queueId(), 0, 0);
    }

    /**
     * @param firstExecution false for a parked pull run again: it may neither commit nor park twice
     * @return the response, or null when the pull was parked
     */
    private RemotingCommand pull(RequestContext ctx, RemotingCommand request, ConsumeHeaders.PullMessage h,
            boolean firstExecution) {
        PullGate.Admission admission = gate.admit(ctx, h);
        if (!admission.admitted()) {
            return admission.rejection();
        }
        String group = h.consumerGroup();
        if (firstExecution) {
            long reset = context.offsets().takePendingReset(group, h.topic(), h.queueId());
            if (reset >= 0) {
                // The operator's offset wins over the client's: its commit offset is stale, so not stored.
                return response(PullOutcome.reset(reset), h.topic(), h.queueId(), admission.topicSysFlag(),
                        admission.groupSysFlag());
            }
        }
        SubscriptionData subscription = admission.subscription();
        MessageFilter filter = subscription::matchesTagsCode;
        // maxMsgBytes is advisory and the official broker ignores it; the store applies its own byte caps.
        GetMessageResult result = context.store().getMessages(h.topic(), h.queueId(), h.queueOffset(),
                h.maxMsgNums(), Integer.MAX_VALUE, filter);
        PullOutcome outcome = PullOutcome.of(result, h.queueOffset());
        RemotingCommand response = response(outcome, result, admission);
        if (firstExecution && PullSysFlag.has(h.sysFlag(), PullSysFlag.COMMIT_OFFSET) && h.commitOffset() >= 0) {
            context.offsets().commit(group, h.topic(), h.queueId(), h.commitOffset());
        }
        PullRequestHoldService holder = holds;
        if (outcome.code() == ResponseCode.PULL_NOT_FOUND && firstExecution && holder != null
                && PullSysFlag.has(h.sysFlag(), PullSysFlag.SUSPEND)) {
            long wait = context.config().longPollingEnable() ? h.suspendTimeoutMillis()
                    : context.config().shortPollingTimeMills();
            holder.hold(new HeldPull(ctx, request, h.topic(), h.queueId(), h.queueOffset(), filter,
                    context.clock().millis() + Math.max(0, wait)));
            return null;
        }
        return response;
    }

    private RemotingCommand response(PullOutcome outcome, GetMessageResult result, PullGate.Admission admission) {
        RemotingCommand response = RemotingCommand.response(outcome.code(), outcome.remark())
                .writeHeader(header(outcome, result.minOffset(), result.maxOffset(), admission.topicSysFlag(),
                        admission.groupSysFlag()));
        if (outcome.code() == ResponseCode.SUCCESS) {
            response.bodyRegions(result.buffers());
        }
        return response;
    }

    private RemotingCommand response(PullOutcome outcome, String topic, int queueId, int topicSysFlag,
            int groupSysFlag) {
        long min = context.store().minOffsetInQueue(topic, queueId);
        long max = context.store().maxOffsetInQueue(topic, queueId);
        return RemotingCommand.response(outcome.code(), outcome.remark())
                .writeHeader(header(outcome, min, max, topicSysFlag, groupSysFlag));
    }

    private static PullMessageResponseHeader header(PullOutcome outcome, long min, long max, int topicSysFlag,
            int groupSysFlag) {
        // Reading from a slave is not offered: every pull is told to stay with the master (id 0).
        return new PullMessageResponseHeader().suggestWhichBrokerId(0L).nextBeginOffset(outcome.nextBeginOffset())
                .minOffset(min).maxOffset(max).topicSysFlag(topicSysFlag).groupSysFlag(groupSysFlag);
    }
}
