package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.client.BrokerException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** How send answers become results, errors, and retries. */
class SendResponsesTest {
    private static final PreparedMessage MESSAGE = new PreparedMessage("t", "", ByteBuffer.allocate(1), 0, 0, 1L,
            false, "UNIQ");
    private static final MessageQueue QUEUE = new MessageQueue("t", "broker-a", 0);

    private static RemotingCommand response(int code) {
        return RemotingCommand.response(code, "remark " + code).putExtField("msgId", "7F00000100002A9F0000000000000010")
                .putExtField("queueId", "2").putExtField("queueOffset", "41").putExtField("transactionId", "UNIQ");
    }

    @Test
    void storedCodesBecomeResultsWithTheBrokersQueueAndIds() {
        SendResult ok = SendResponses.parse(response(ResponseCode.SUCCESS), MESSAGE, QUEUE, "127.0.0.1:10911");
        assertThat(ok).isEqualTo(new SendResult(SendStatus.SEND_OK, "UNIQ", "7F00000100002A9F0000000000000010",
                new MessageQueue("t", "broker-a", 2), 41, "UNIQ"));
        assertThat(SendResponses.parse(response(ResponseCode.FLUSH_DISK_TIMEOUT), MESSAGE, QUEUE, "a:1").status())
                .isEqualTo(SendStatus.FLUSH_DISK_TIMEOUT);
        assertThat(SendResponses.parse(response(ResponseCode.FLUSH_SLAVE_TIMEOUT), MESSAGE, QUEUE, "a:1").status())
                .isEqualTo(SendStatus.FLUSH_SLAVE_TIMEOUT);
        assertThat(SendResponses.parse(response(ResponseCode.SLAVE_NOT_AVAILABLE), MESSAGE, QUEUE, "a:1").status())
                .isEqualTo(SendStatus.SLAVE_NOT_AVAILABLE);
    }

    @Test
    void errorCodesBecomeBrokerExceptionsAndOnlyTheOfficialSetIsRetried() {
        assertThatThrownBy(() -> SendResponses.parse(response(ResponseCode.MESSAGE_ILLEGAL), MESSAGE, QUEUE, "a:1"))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(13);
                    assertThat(e.remark()).isEqualTo("remark 13");
                    assertThat(e.address()).isEqualTo("a:1");
                });
        for (int code : new int[] {17, 14, 1, 2, 16, 204, 205, 1500}) {
            assertThat(SendResponses.isRetryable(code)).as("code %s", code).isTrue();
        }
        for (int code : new int[] {13, 29, 26, 3, 10}) {
            assertThat(SendResponses.isRetryable(code)).as("code %s", code).isFalse();
        }
    }
}
