package io.apogee.client.producer;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;

/**
 * The application's side of a transactional send: runs the local transaction after the half message
 * is stored, and answers the broker's later question about a transaction whose outcome it never
 * learned. A thrown exception counts as {@link LocalTransactionState#UNKNOW}. Implementations must be
 * thread-safe: checks run on the producer's check executor while sends run on callers' threads.
 */
public interface TransactionListener {
    /** Runs the local transaction of {@code message}, on the thread that called the send. */
    LocalTransactionState executeLocalTransaction(Message message, Object arg);

    /** Says how the transaction of {@code message} (the stored half message) ended. */
    LocalTransactionState checkLocalTransaction(ReceivedMessage message);
}
