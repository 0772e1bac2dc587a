package io.apogee.client.producer;

import io.apogee.common.message.MessageSysFlag;

/**
 * The outcome of a local transaction, and the {@code commitOrRollback} value that tells the broker.
 * {@link #UNKNOW} (the official spelling) leaves the half message to a later check. Thread-safe.
 */
public enum LocalTransactionState {
    COMMIT_MESSAGE(MessageSysFlag.TRANSACTION_COMMIT_TYPE),
    ROLLBACK_MESSAGE(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE),
    UNKNOW(MessageSysFlag.TRANSACTION_NOT_TYPE);

    private final int wireValue;

    LocalTransactionState(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The {@code commitOrRollback} field of {@code END_TRANSACTION}: 8, 12 or 0. */
    public int wireValue() {
        return wireValue;
    }
}
