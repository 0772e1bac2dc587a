package io.apogee.client.producer;

import io.apogee.common.message.MessageIds;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.TransactionHeaders.CheckTransactionState;
import io.apogee.remoting.protocol.header.TransactionHeaders.EndTransaction;

/**
 * Builds {@code END_TRANSACTION} requests (shared/protocol/03-broker-client.md section 15.2), after a
 * send and after a check. Oneway: the broker answers nothing. Stateless and thread-safe.
 */
final class EndTransactionRequests {
    /** Remarks longer than this are cut: the remark is a diagnostic, not a payload. */
    private static final int MAX_REMARK = 512;

    private EndTransactionRequests() {
    }

    /** Ends the transaction of a half message this producer just sent. */
    static RemotingCommand afterSend(String producerGroup, SendResult sent, LocalTransactionState state,
            String remark) {
        long commitLogOffset = MessageIds.decode(sent.offsetMsgId()).offset();
        EndTransaction header = new EndTransaction(producerGroup, sent.queueOffset(), commitLogOffset,
                state.wireValue(), Boolean.FALSE, sent.msgId(), sent.transactionId(), sent.messageQueue().topic(),
                sent.messageQueue().brokerName());
        return oneway(header, remark);
    }

    /** Answers a broker's check of the half message with {@code uniqKey}. */
    static RemotingCommand afterCheck(String producerGroup, CheckTransactionState check, String uniqKey,
            LocalTransactionState state, String remark) {
        EndTransaction header = new EndTransaction(producerGroup, check.tranStateTableOffset(),
                check.commitLogOffset(), state.wireValue(), Boolean.TRUE, uniqKey != null ? uniqKey : check.msgId(),
                check.transactionId(), check.topic(), check.bname());
        return oneway(header, remark);
    }

    private static RemotingCommand oneway(EndTransaction header, String remark) {
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION, header).markOneway();
        if (remark != null) {
            request.remark(remark.length() > MAX_REMARK ? remark.substring(0, MAX_REMARK) : remark);
        }
        return request;
    }
}
