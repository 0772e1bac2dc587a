package io.apogee.store;

import io.apogee.common.message.EncodedRecord;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.common.message.MessageSysFlag;
import java.util.List;

/**
 * Validates messages before they reach the append lock, turning each problem into the status and
 * remark RocketMQ gives for it.
 *
 * <p>Stateless after construction; thread-safe.
 */
final class PutChecks {
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final int MAX_TOPIC_LENGTH = 255;
    /** Headroom for header, topic and properties on top of the body limit. */
    private static final int RECORD_OVERHEAD_ALLOWANCE = 64 * 1024;

    private final int maxMessageSize;
    private final int fileSize;

    PutChecks(int maxMessageSize, int fileSize) {
        this.maxMessageSize = maxMessageSize;
        this.fileSize = fileSize;
    }

    /** Returns null when the record may be appended, else the refusal. */
    PutMessageResult check(EncodedRecord r) {
        MessageRecord m = r.message();
        int topicLength = r.topicLength();
        if (topicLength == 0 || topicLength > MAX_TOPIC_LENGTH
                || (topicLength > MessageRecordLayout.MAX_V1_TOPIC_LENGTH && !m.topic().startsWith(RETRY_PREFIX))) {
            return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                    "topic length must be 1.." + MessageRecordLayout.MAX_V1_TOPIC_LENGTH + " bytes, topicLength="
                            + topicLength);
        }
        if (r.propertiesLength() > MessageRecordLayout.MAX_PROPERTIES_LENGTH) {
            return PutMessageResult.refused(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED,
                    "message properties length limit 32KB, propertiesLength=" + r.propertiesLength());
        }
        if (r.bodyLength() > maxMessageSize || r.length() > maxMessageSize + RECORD_OVERHEAD_ALLOWANCE) {
            return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                    "the message is illegal, maybe msg body or properties length not matched. msg body length limit "
                            + maxMessageSize + "B, msg properties length limit 32KB. bodyLength=" + r.bodyLength());
        }
        if (r.length() + MessageRecordLayout.BLANK_RECORD_LENGTH > fileSize) {
            return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                    "message larger than a CommitLog file, recordLength=" + r.length() + ", mappedFileSizeCommitLog="
                            + fileSize);
        }
        return null;
    }

    /** A batch: one topic and queue, no transaction, and it must fit one file. */
    PutMessageResult checkBatch(List<EncodedRecord> records) {
        MessageRecord first = records.get(0).message();
        long total = 0;
        for (EncodedRecord r : records) {
            PutMessageResult refused = check(r);
            if (refused != null) {
                return refused;
            }
            MessageRecord m = r.message();
            if (!m.topic().equals(first.topic()) || m.queueId() != first.queueId()) {
                return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                        "batch messages must share one topic and queue");
            }
            if (MessageSysFlag.transactionType(m.sysFlag()) != MessageSysFlag.TRANSACTION_NOT_TYPE) {
                return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                        "batch message does not support transaction");
            }
            total += r.length();
        }
        if (total + MessageRecordLayout.BLANK_RECORD_LENGTH > fileSize) {
            return PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL,
                    "batch larger than a CommitLog file, bytes=" + total);
        }
        return null;
    }
}
