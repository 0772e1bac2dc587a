package io.apogee.client.producer;

import io.apogee.remoting.protocol.body.MessageQueue;

/**
 * The answer to a send. Immutable.
 *
 * @param msgId the message's {@code UNIQ_KEY}; for a batch, those of its messages joined with commas
 * @param offsetMsgId the broker's offset message id (store host and commit-log offset); for a batch,
 *     the ids of its records joined with commas
 * @param messageQueue where the message was stored
 * @param queueOffset its offset in that queue (the first one for a batch)
 * @param transactionId the id the broker gave the transaction (its {@code UNIQ_KEY}), or null
 */
public record SendResult(SendStatus status, String msgId, String offsetMsgId, MessageQueue messageQueue,
        long queueOffset, String transactionId) {
}
