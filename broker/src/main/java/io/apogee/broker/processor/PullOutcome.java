package io.apogee.broker.processor;

import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;

/**
 * How a store read turns into a pull response: the code, where the client continues, and the remark
 * (the store status name), per the table of shared/protocol/03-broker-client.md section 10.3.
 * Immutable.
 */
record PullOutcome(int code, long nextBeginOffset, String remark) {
    static final String OFFSET_RESET = "OFFSET_RESET";

    static PullOutcome of(GetMessageResult result, long requestedOffset) {
        GetMessageStatus status = result.status();
        String remark = status.name();
        return switch (status) {
            case FOUND -> new PullOutcome(ResponseCode.SUCCESS, result.nextBeginOffset(), remark);
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING ->
                    new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, result.nextBeginOffset(), remark);
            case OFFSET_FOUND_NULL -> new PullOutcome(ResponseCode.PULL_NOT_FOUND, result.nextBeginOffset(), remark);
            case OFFSET_TOO_SMALL -> new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.minOffset(), remark);
            case OFFSET_OVERFLOW_ONE -> new PullOutcome(ResponseCode.PULL_NOT_FOUND, requestedOffset, remark);
            case OFFSET_OVERFLOW_BADLY -> new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.maxOffset(), remark);
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE -> emptyQueue(result, requestedOffset, remark);
        };
    }

    /**
     * A queue that never held a message sends the client back to 0. One whose messages were all
     * cleaned away (min = max > 0) is treated like any other queue, by where the request stands
     * against its bounds, so that the client is not sent back before the first offset that exists.
     */
    private static PullOutcome emptyQueue(GetMessageResult result, long requested, String remark) {
        long max = result.maxOffset();
        if (max <= 0) {
            return new PullOutcome(requested != 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND, 0,
                    remark);
        }
        if (requested == max) {
            return new PullOutcome(ResponseCode.PULL_NOT_FOUND, requested, GetMessageStatus.OFFSET_OVERFLOW_ONE.name());
        }
        return new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, max, requested < max
                ? GetMessageStatus.OFFSET_TOO_SMALL.name() : GetMessageStatus.OFFSET_OVERFLOW_BADLY.name());
    }

    static PullOutcome reset(long offset) {
        return new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, offset, OFFSET_RESET);
    }
}
