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
