package io.apogee.remoting.protocol.header;

/**
 * The headers of the send family (shared/protocol/03-broker-client.md sections 5 and 13.1) other than
 * {@link SendMessageRequestHeaderV2}. Field names are the wire keys.
 */
public final class SendHeaders {
    private SendHeaders() {
    }

    /**
     * {@code SEND_MESSAGE} (10): the send header with long names, which clients use when
     * {@code sendSmartMsg} is off.
     */
    public record SendMessageRequest(@Required String producerGroup, @Required String topic,
            @Required String defaultTopic, @Required Integer defaultTopicQueueNums, @Required Integer queueId,
            @Required Integer sysFlag, @Required Long bornTimestamp, @Required Integer flag, String properties,
            Integer reconsumeTimes, Boolean unitMode, Boolean batch, Integer maxReconsumeTimes, String bname)
            implements CommandHeader {
    }

    /**
     * {@code SEND_MESSAGE_V2} (310) and {@code SEND_BATCH_MESSAGE} (320) as a record: the wire keys and
     * order of {@link SendMessageRequestHeaderV2} (which decoders use, for its long-named accessors).
     * Immutable, so a command built from it reads it when it is encoded instead of copying it: what a
     * producer builds on every send.
     *
     * @param a producerGroup
     * @param b topic
     * @param c defaultTopic
     * @param d defaultTopicQueueNums
     * @param e queueId
     * @param f sysFlag
     * @param g bornTimestamp
     * @param h flag
     * @param i properties
     * @param j reconsumeTimes
     * @param k unitMode
     * @param l maxReconsumeTimes
     * @param m batch
     * @param n brokerName
     */
    public record SendMessageRequestV2(@Required String a, @Required String b, @Required String c,
            @Required Integer d, @Required Integer e, @Required Integer f, @Required Long g, @Required Integer h,
            String i, Integer j, Boolean k, Integer l, Boolean m, String n) implements CommandHeader {
    }

    /**
     * The answer to a send. {@code MSG_REGION} and {@code TRACE_ON} are not here: the broker adds them
     * to every send response, errors included.
     *
     * @param msgId the offset message id; for a batch, those of all its records joined with commas
     * @param transactionId the message's {@code UNIQ_KEY}
     */
    public record SendMessageResponse(@Required String msgId, @Required Integer queueId, @Required Long queueOffset,
            String transactionId, String batchUniqId, String recallHandle) implements CommandHeader {
    }

    /** {@code CONSUMER_SEND_MSG_BACK} (36): a consumer hands a message it failed to consume back. */
    public record ConsumerSendMsgBack(@Required Long offset, @Required String group, @Required Integer delayLevel,
            String originMsgId, String originTopic, boolean unitMode, Integer maxReconsumeTimes, String bname)
            implements CommandHeader {
    }
}
