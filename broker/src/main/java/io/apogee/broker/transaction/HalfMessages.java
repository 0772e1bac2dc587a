package io.apogee.broker.transaction;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.EncodedRecord;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * How a transactional message changes shape (shared/protocol/03-broker-client.md section 15): the half
 * message a prepared send becomes, the real message a commit stores, and the half message as a check
 * sends it to the producer. Stateless and thread-safe.
 */
public final class HalfMessages {
    /** The transaction id property, equal to the message's {@code UNIQ_KEY}. */
    public static final String TRANSACTION_ID = "__transactionId__";
    /** How many times the broker has asked the producer about this half message. */
    static final String CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    /** A producer-chosen wait, in seconds, before the first check. */
    static final String CHECK_IMMUNITY_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";

    private HalfMessages() {
    }

    /** Whether a send is a prepared (half) transactional message. */
    public static boolean isPrepared(int sysFlag, Map<String, String> properties) {
        return MessageSysFlag.transactionType(sysFlag) == MessageSysFlag.TRANSACTION_PREPARED_TYPE
                || "true".equals(properties.get(PropertyNames.TRAN_MSG));
    }

    /**
     * Rewrites a prepared send's properties into a half message's; the caller stores it in
     * {@link SystemTopics#TRANS_HALF_TOPIC} queue 0 with the transaction bits of the sysFlag cleared (a
     * prepared record is never dispatched, and the check service must see it in the half queue).
     */
    public static void toHalf(Map<String, String> properties, String topic, int queueId) {
        properties.put(PropertyNames.REAL_TOPIC, topic);
        properties.put(PropertyNames.REAL_QID, Integer.toString(queueId));
        String uniqKey = properties.get(PropertyNames.UNIQ_KEY);
        if (uniqKey != null) {
            properties.put(TRANSACTION_ID, uniqKey);
        }
    }

    /**
     * The real message a commit stores: the half's body, flags and properties (which keep
     * {@code TRAN_MSG}, {@code REAL_TOPIC}, {@code REAL_QID} and the transaction id, as the official
     * broker's do), in its real topic and queue, typed COMMIT and pointing back at the half.
     */
    static MessageRecord committed(MessageRecord half, Map<String, String> properties, String topic, int queueId) {
        int sysFlag = (half.sysFlag() & ~MessageSysFlag.TRANSACTION_MASK) | MessageSysFlag.TRANSACTION_COMMIT_TYPE;
        return MessageRecord.builder().topic(topic).queueId(queueId).flag(half.flag()).sysFlag(sysFlag)
                .bornTimestamp(half.bornTimestamp()).bornHost(half.bornHost()).storeHost(half.storeHost())
                .reconsumeTimes(half.reconsumeTimes()).preparedTransactionOffset(half.physicalOffset())
                .body(half.body()).properties(properties).build();
    }

    /** A new copy of a half message for the end of the half queue, with its check count raised. */
    static MessageRecord recheckCopy(MessageRecord half, int checkTimes) {
        Map<String, String> properties = half.propertyMap();
        properties.put(CHECK_TIMES, Integer.toString(checkTimes));
        properties.put(PropertyNames.WAIT, "false");
        return MessageRecord.builder().topic(SystemTopics.TRANS_HALF_TOPIC).queueId(0).flag(half.flag())
                .sysFlag(half.sysFlag()).bornTimestamp(half.bornTimestamp()).bornHost(half.bornHost())
                .storeHost(half.storeHost()).reconsumeTimes(half.reconsumeTimes()).body(half.body())
                .properties(properties).build();
    }

    /**
     * The body of a check: the stored half record re-encoded with its real topic and queue (and so a
     * fresh total size), which the client decodes as the message it asks its checker about.
     */
    static byte[] checkBody(MessageRecord half) {
        MessageRecord real = half.toBuilder().topic(realTopic(half)).queueId(realQueueId(half)).build();
        ByteBuffer encoded = EncodedRecord.encode(real);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    static String realTopic(MessageRecord half) {
        return half.property(PropertyNames.REAL_TOPIC);
    }

    static int realQueueId(MessageRecord half) {
        return intProperty(half, PropertyNames.REAL_QID, 0);
    }

    static int checkTimes(MessageRecord half) {
        return intProperty(half, CHECK_TIMES, 0);
    }

    /** How old a half message must be before it is checked: its own immunity when it asks for one. */
    static long checkAfterMillis(MessageRecord half, long transactionTimeOut) {
        int immunitySeconds = intProperty(half, CHECK_IMMUNITY_SECONDS, -1);
        return immunitySeconds > 0 ? immunitySeconds * 1000L : transactionTimeOut;
    }

    private static int intProperty(MessageRecord record, String name, int fallback) {
        String value = record.property(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
