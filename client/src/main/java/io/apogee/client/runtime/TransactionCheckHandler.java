package io.apogee.client.runtime;

import io.apogee.common.message.MessageRecord;
import io.apogee.remoting.protocol.header.TransactionHeaders.CheckTransactionState;

/**
 * Answers a broker's {@code CHECK_TRANSACTION_STATE} for one producer group. Called on a remoting
 * worker thread; implementations hand slow work to their own executor and must be thread-safe.
 */
@FunctionalInterface
public interface TransactionCheckHandler {
    /**
     * @param brokerAddr the broker that asked, where the answer goes
     * @param check the request header
     * @param halfMessage the half message, with its real topic and queue
     */
    void onCheck(String brokerAddr, CheckTransactionState check, MessageRecord halfMessage);
}
