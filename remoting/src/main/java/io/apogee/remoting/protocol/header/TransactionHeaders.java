package io.apogee.remoting.protocol.header;

/**
 * The headers of the transaction family (shared/protocol/03-broker-client.md section 15). Field names
 * are the wire keys. Immutable records, thread-safe.
 */
public final class TransactionHeaders {
    private TransactionHeaders() {
    }

    /**
     * {@code END_TRANSACTION} (37), client to broker, oneway.
     *
     * @param commitOrRollback 8 commit, 12 rollback, 0 unknown (the transaction bits of the sysFlag)
     * @param msgId the message's {@code UNIQ_KEY}
     */
    public record EndTransaction(@Required String producerGroup, @Required Long tranStateTableOffset,
            @Required Long commitLogOffset, @Required Integer commitOrRollback, Boolean fromTransactionCheck,
            @Required String msgId, String transactionId, String topic, String bname) implements CommandHeader {
    }

    /**
     * {@code CHECK_TRANSACTION_STATE} (39), broker to client, oneway; the body is the half message in
     * the stored-record layout.
     */
    public record CheckTransactionState(String topic, @Required Long tranStateTableOffset,
            @Required Long commitLogOffset, String msgId, String transactionId, String offsetMsgId, String bname)
            implements CommandHeader {
    }
}
