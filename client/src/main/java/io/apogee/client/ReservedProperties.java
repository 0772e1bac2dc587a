package io.apogee.client;

import java.util.Set;

/**
 * Property names the client or the broker sets itself, which applications may not use as user
 * properties (shared/protocol/03-broker-client.md section 2.3). Constants only; thread-safe.
 */
final class ReservedProperties {
    private static final Set<String> NAMES = Set.of("KEYS", "TAGS", "WAIT", "DELAY", "RETRY_TOPIC", "REAL_TOPIC",
            "REAL_QID", "TRAN_MSG", "PGROUP", "MIN_OFFSET", "MAX_OFFSET", "BUYER_ID", "ORIGIN_MESSAGE_ID",
            "TRANSFER_FLAG", "CORRECTION_FLAG", "MQ2_FLAG", "RECONSUME_TIME", "MSG_REGION", "TRACE_ON", "UNIQ_KEY",
            "MAX_RECONSUME_TIMES", "CONSUME_START_TIME", "POP_CK", "POP_CK_OFFSET", "1ST_POP_TIME",
            "TRANSACTION_PREPARED_QUEUE_OFFSET", "DUP_INFO", "EXTEND_UNIQ_INFO", "INSTANCE_ID", "CORRELATION_ID",
            "REPLY_TO_CLIENT", "TTL", "ARRIVE_TIME", "MSG_TYPE", "CLUSTER", "TIMER_OUT_MS", "TIMER_ENQUEUE_MS",
            "TIMER_DEQUEUE_MS", "TIMER_ROLL_TIMES", "TIMER_DEL_UNIQKEY", "INNER_NUM", "INNER_BASE",
            "__transactionId__", "TRANSACTION_CHECK_TIMES");

    private ReservedProperties() {
    }

    static boolean isReserved(String name) {
        return NAMES.contains(name);
    }
}
