package io.apogee.broker.transaction;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.Required;

/**
 * The headers of the transaction family (shared/protocol/03-broker-client.md sections 15.2 and 15.3), as
 * the broker reads and writes them. Field names are the wire keys. Immutable records, thread-safe.
 */
final class TransactionHeaders {
    private TransactionHeaders() {
    }

    /**
     * {@code END_TRANSACTION} (37), client to broker, oneway.
     *
     * @param commitOrRollback 8 commit, 12 rollback, 0 unknown (the transaction bits of the sysFlag)
     * @param msgId the message's {@code UNIQ_KEY}
     */
    record EndTransaction(@Required String producerGroup, @Required Long tranStateTableOffset,
            @Required Long commitLogOffset, @Required Integer commitOrRollback, Boolean fromTransactionCheck,
            @Required String msgId, String transactionId, String topic, String bname) implements CommandHeader {
    }

    /** {@code CHECK_TRANSACTION_STATE} (39), broker to client, oneway. */
    record CheckTransactionState(String topic, @Required Long tranStateTableOffset, @Required Long commitLogOffset,
            String msgId, String transactionId, String offsetMsgId, String bname) implements CommandHeader {
    }
}
