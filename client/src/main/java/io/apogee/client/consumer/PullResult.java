package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import java.util.List;

/**
 * The outcome of one pull (shared/protocol/03-broker-client.md section 10.5), messages already decoded
 * and filtered by tag string. Immutable.
 *
 * @param nextBeginOffset where the queue continues
 * @param messages what passed the local filter; empty unless {@link Status#FOUND}
 */
record PullResult(Status status, long nextBeginOffset, long minOffset, long maxOffset,
        List<ReceivedMessage> messages) {
    enum Status {
        /** Code 0: messages (possibly all dropped by the local tag filter). */
        FOUND,
        /** Code 19: nothing new at the offset (after the broker's hold). */
        NO_NEW_MSG,
        /** Code 20: entries examined, none matched the broker's tag-code filter. */
        NO_MATCHED_MSG,
        /** Code 21: the offset is outside the queue; continue at {@code nextBeginOffset}. */
        OFFSET_ILLEGAL
    }

    PullResult {
        messages = List.copyOf(messages);
    }
}
