package io.apogee.broker.processor;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.SendHeaders;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;

/**
 * A send request with its header read, whichever of the two header spellings it came in (short keys
 * for 310 and 320, long keys for 10). A batch is what code 320 says, whatever the {@code batch} field. Immutable.
 */
record SendRequest(String producerGroup, String topic, String defaultTopic, int defaultTopicQueueNums, int queueId,
        int sysFlag, long bornTimestamp, int flag, String properties, int reconsumeTimes, Integer maxReconsumeTimes,
        boolean batch) {

    static SendRequest read(RemotingCommand request) throws HeaderException {
        boolean batchCode = request.code() == RequestCode.SEND_BATCH_MESSAGE;
        if (request.code() == RequestCode.SEND_MESSAGE) {
            SendHeaders.SendMessageRequest h = request.readHeader(SendHeaders.SendMessageRequest.class);
            return new SendRequest(h.producerGroup(), h.topic(), h.defaultTopic(), h.defaultTopicQueueNums(),
                    h.queueId(), h.sysFlag(), h.bornTimestamp(), h.flag(), h.properties(), orZero(h.reconsumeTimes()),
                    h.maxReconsumeTimes(), batchCode);
        }
        SendMessageRequestHeaderV2 h = request.readHeader(SendMessageRequestHeaderV2.class);
        return new SendRequest(h.producerGroup(), h.topic(), h.defaultTopic(), h.defaultTopicQueueNums(), h.queueId(),
                h.sysFlag(), h.bornTimestamp(), h.flag(), h.properties(), orZero(h.reconsumeTimes()),
                h.maxReconsumeTimes(), batchCode);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
