package io.apogee.broker.processor;

/**
 * Property names the broker sets on messages it moves (retries, dead letters) that the common
 * {@code PropertyNames} does not list (shared/protocol/03-broker-client.md section 2.3).
 */
final class MessageKeys {
    static final String RETRY_TOPIC = "RETRY_TOPIC";
    static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    static final String POP_CK = "POP_CK";
    static final String TRANSACTION_ID = "__transactionId__";

    private MessageKeys() {
    }
}
