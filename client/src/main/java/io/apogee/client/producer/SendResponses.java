package io.apogee.client.producer;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.SendHeaders.SendMessageResponse;
import java.util.Set;

/**
 * Reads send responses (shared/protocol/03-broker-client.md section 5.3): a result for the stored
 * codes, a {@link BrokerException} for the others, and which of those deserve another attempt on
 * another broker. Stateless and thread-safe.
 */
final class SendResponses {
    /** Codes after which the official client tries again, preferring another broker. */
    private static final Set<Integer> RETRYABLE = Set.of(ResponseCode.TOPIC_NOT_EXIST,
            ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_BUSY,
            ResponseCode.NO_PERMISSION, ResponseCode.NO_BUYER_ID, ResponseCode.NOT_IN_CURRENT_UNIT,
            ResponseCode.GO_AWAY);

    private SendResponses() {
    }

    static boolean isRetryable(int code) {
        return RETRYABLE.contains(code);
    }

    /**
     * @throws BrokerException for an error code
     * @throws ClientException when a success lacks the fields a result needs
     */
    static SendResult parse(RemotingCommand response, PreparedMessage message, MessageQueue target, String address) {
        SendStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> throw new BrokerException(response.code(), response.remark(), address);
        };
        SendMessageResponse header;
        try {
            header = response.readHeader(SendMessageResponse.class);
        } catch (HeaderException e) {
            throw new ClientException("send response from " + address + " lacks its header: " + e.getMessage(), e);
        }
        MessageQueue queue = new MessageQueue(target.topic(), target.brokerName(), header.queueId());
        return new SendResult(status, message.msgId(), header.msgId(), queue, header.queueOffset(),
                header.transactionId());
    }
}
