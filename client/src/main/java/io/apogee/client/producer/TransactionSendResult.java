package io.apogee.client.producer;

/**
 * The answer to a transactional send: how the half message was stored and what the local transaction
 * decided. Immutable.
 */
public record TransactionSendResult(SendResult sendResult, LocalTransactionState localTransactionState) {
}
